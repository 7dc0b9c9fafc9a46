# Embeds the workbench page (src/serve/workbench.html) in parley_serve as a
# raw string literal.  Included from the top-level CMakeLists.txt after
# parley_serve is defined.
set(PARLEY_SERVE_PAGE ${CMAKE_CURRENT_LIST_DIR}/workbench.html)
set(PARLEY_SERVE_PAGE_CPP ${CMAKE_BINARY_DIR}/generated/serve_page.cpp)
add_custom_command(
  OUTPUT ${PARLEY_SERVE_PAGE_CPP}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${PARLEY_SERVE_PAGE} -DOUTPUT=${PARLEY_SERVE_PAGE_CPP}
          -P ${CMAKE_CURRENT_LIST_DIR}/embed_page.cmake
  DEPENDS ${PARLEY_SERVE_PAGE} ${CMAKE_CURRENT_LIST_DIR}/embed_page.cmake
  COMMENT "Embedding the workbench page"
  VERBATIM)
target_sources(parley_serve PRIVATE ${PARLEY_SERVE_PAGE_CPP})
