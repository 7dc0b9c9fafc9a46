#include "serve/reply.h"

#include <new>

namespace parley::serve {

using Json = nlohmann::ordered_json;

Json error_json(const Error& error) {
  const SourceLocation& at = error.location();
  Json out = {{"message", error.what()}, {"detail", error.detail()}};
  if (!at.file.empty()) out["file"] = at.file;
  if (at.line > 0) out["line"] = at.line;
  if (at.column > 0) out["column"] = at.column;
  if (!at.path.empty()) out["path"] = at.path;
  return out;
}

Reply json_reply(const Json& body, int status) {
  Reply reply;
  reply.status = status;
  reply.body = body.dump(2) + "\n";
  return reply;
}

Reply error_reply(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const HttpError& e) {
    return json_reply({{"error", error_json(e)}}, e.status());
  } catch (const Error& e) {
    return json_reply({{"error", error_json(e)}}, 400);
  } catch (const std::bad_alloc&) {
    return json_reply({{"error", {{"message", "out of memory"}}}}, 503);
  } catch (const InternalError& e) {
    return json_reply(
        {{"error", {{"message", std::string("internal error (a bug in parley): ") + e.what()}}}},
        500);
  } catch (const std::exception& e) {
    return json_reply({{"error", {{"message", std::string("internal error: ") + e.what()}}}}, 500);
  } catch (...) {
    return json_reply({{"error", {{"message", "internal error: unknown exception"}}}}, 500);
  }
}

}  // namespace parley::serve
