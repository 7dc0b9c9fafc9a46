# Embeds the vendored Vega bundles (third_party/vega) in parley_report.
# Included from the top-level CMakeLists.txt after parley_report is defined.
set(PARLEY_VEGA_DIR ${PROJECT_SOURCE_DIR}/third_party/vega)
set(PARLEY_REPORT_ASSETS
  vega=${PARLEY_VEGA_DIR}/vega.min.js
  vega_lite=${PARLEY_VEGA_DIR}/vega-lite.min.js
  vega_embed=${PARLEY_VEGA_DIR}/vega-embed.min.js)
set(PARLEY_REPORT_ASSET_FILES ${PARLEY_REPORT_ASSETS})
list(TRANSFORM PARLEY_REPORT_ASSET_FILES REPLACE "^[a-z_]+=" "")
set(PARLEY_REPORT_ASSETS_CPP ${CMAKE_BINARY_DIR}/generated/report_assets.cpp)
add_custom_command(
  OUTPUT ${PARLEY_REPORT_ASSETS_CPP}
  COMMAND ${CMAKE_COMMAND} "-DASSETS=${PARLEY_REPORT_ASSETS}" -DOUTPUT=${PARLEY_REPORT_ASSETS_CPP}
          -P ${CMAKE_CURRENT_LIST_DIR}/embed_assets.cmake
  DEPENDS ${PARLEY_REPORT_ASSET_FILES} ${CMAKE_CURRENT_LIST_DIR}/embed_assets.cmake
  COMMENT "Embedding the Vega bundles in the report library"
  VERBATIM)
target_sources(parley_report PRIVATE ${PARLEY_REPORT_ASSETS_CPP})
