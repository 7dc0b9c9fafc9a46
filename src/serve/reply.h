// serve/reply.h - what an API handler answers, and its errors.
//
// A handler returns a Reply (status, content type, body) or throws.  The
// server turns exceptions into JSON errors of one shape,
//   {"error": {"message", "file", "line", "column", "path"}}
// where `message` is the line the command line prints after "parley: error: "
// (file:line:column: field: what was expected) and the other keys are its
// parts:  parley::Error is 400, HttpError its own status (403, 404, 413,
// 429, ...), running out of memory 503, anything else 500 (a bug).
//
// Thread-safety: values and free functions.
#pragma once

#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "parley/error.h"

namespace parley::serve {

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string attachment;  // a file name: the browser saves the body instead of showing it
};

// A refusal with its HTTP status: the request is understood but not allowed
// (403), names nothing (404), is too large (413), or comes while the server
// is busy (429).
class HttpError : public Error {
 public:
  HttpError(int status, const std::string& message) : Error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// {"error": {...}} for an exception, and the status it maps to.
Reply error_reply(std::exception_ptr failure);
// A JSON body (pretty-printed, ending in a newline) with `status`.
Reply json_reply(const nlohmann::ordered_json& body, int status = 200);
// The "error" object of an Error.
nlohmann::ordered_json error_json(const Error& error);

}  // namespace parley::serve
