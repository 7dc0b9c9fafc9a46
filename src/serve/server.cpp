#include "serve/server.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <thread>
#include <utility>

#include <httplib.h>

#include "parley/error.h"
#include "serve/api.h"
#include "serve/page.h"

namespace parley::serve {

namespace {

using httplib::Request;
using httplib::Response;

void send(Response& response, const Reply& reply) {
  response.status = reply.status;
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Content-Type-Options", "nosniff");
  if (!reply.attachment.empty())
    response.set_header("Content-Disposition", "attachment; filename=\"" + reply.attachment + "\"");
  response.set_content(reply.body, reply.content_type);
}

std::int64_t id_of(const Request& request) {
  const std::string text = request.matches[1];
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size())
    throw HttpError(404, "no run " + text + " in this session");
  return id;
}

// The host part of a Host header or an authority: "[::1]:8765" -> "::1".
std::string host_part(std::string authority) {
  if (authority.starts_with("[")) return authority.substr(1, authority.find(']') - 1);
  return authority.substr(0, authority.find(':'));
}

// Requests refused before their body is read: on a loopback server, a Host
// header naming another machine (DNS rebinding: a web page whose name
// resolves to 127.0.0.1); an Origin other than the workbench's own (another
// site's page posting to the API); a body without a Content-Length (chunked
// bodies would escape the size limit).  Returns the status and reason, or
// status 0 to proceed.
std::pair<int, std::string> refusal(const Request& request, bool loopback) {
  const std::string host = request.get_header_value("Host");
  if (loopback && !is_loopback(host_part(host)))
    return {403, "Host '" + host + "' is not this machine; open the URL `parley serve` printed"};
  const std::string origin = request.get_header_value("Origin");
  if (!origin.empty() && origin != "null" && origin != "http://" + host)
    return {403, "requests from " + origin + " are refused (the workbench is served from http://" +
                     host + ")"};
  if (request.has_header("Transfer-Encoding"))
    return {411, "send the body with a Content-Length (chunked bodies are refused)"};
  return {0, ""};
}

std::string status_message(const Request& request, int status, std::size_t max_body) {
  switch (status) {
    case 404:
      return "no such page or API endpoint: " + request.method + " " + request.path;
    case 413:
      return "the request body is larger than the limit of " + std::to_string(max_body) +
             " bytes (--max-body)";
    case 414:
      return "the request URI is too long";
    case 400:
      return "malformed HTTP request";
    default:
      return "HTTP status " + std::to_string(status);
  }
}

// One server-sent event per call: progress when it changed, the end with the
// job's final view, or a comment every second so that a gone client is
// noticed.  False ends the stream (the client left, or the server stops).
bool next_event(Job& job, httplib::DataSink& sink, std::uint64_t& last,
                const std::atomic<bool>& stopping) {
  for (int wait = 0; wait < 10 && !stopping; ++wait) {
    const Json view = job.view(false);
    const bool finished = view["status"] != "running";
    const auto done = view["done"].get<std::uint64_t>();
    if (finished || done != last) {
      last = done;
      const std::string event = std::string("event: ") + (finished ? "end" : "progress") +
                                "\ndata: " + view.dump() + "\n\n";
      if (!sink.write(event.data(), event.size())) return false;
      if (finished) sink.done();
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  static constexpr char kBeat[] = ": waiting\n\n";
  return !stopping && sink.write(kBeat, sizeof kBeat - 1);
}

}  // namespace

bool is_loopback(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr address{};
  const std::string text(host);
  return inet_pton(AF_INET, text.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

// cpp-httplib (Debian's build) listens with a backlog of 5 connections, so
// a burst of clients connecting at once would see connections dropped before
// the server could answer them.  listen() again on the bound socket raises
// the backlog (POSIX allows it; Linux applies the new value).
class HttpServer : public httplib::Server {
 public:
  void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

struct Server::Impl {
  explicit Impl(ServeOptions o) : options(std::move(o)), api(options) {}

  template <class Handler>
  httplib::Server::Handler wrap(Handler handler) {
    return
        [handler](const Request& request, Response& response) { send(response, handler(request)); };
  }
  void routes();
  void safety();

  ServeOptions options;
  Api api;
  HttpServer http;
  int port = 0;
  std::atomic<bool> stopping{false};
};

void Server::Impl::safety() {
  const bool loopback = is_loopback(options.host);
  http.set_payload_max_length(options.max_body);
  http.set_read_timeout(10);
  http.set_write_timeout(10);
  http.new_task_queue = [] { return new httplib::ThreadPool(8); };
  http.set_pre_routing_handler([loopback](const Request& request, Response& response) {
    const auto [status, reason] = refusal(request, loopback);
    if (status == 0) return httplib::Server::HandlerResponse::Unhandled;
    send(response, json_reply({{"error", {{"message", reason}}}}, status));
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_exception_handler([](const Request&, Response& response, std::exception_ptr failure) {
    send(response, error_reply(failure));
  });
  http.set_error_handler([max = options.max_body](const Request& request, Response& response) {
    if (!response.body.empty()) return;
    send(response,
         json_reply({{"error", {{"message", status_message(request, response.status, max)}}}},
                    response.status));
  });
}

void Server::Impl::routes() {
  // The page may load nothing from elsewhere: scripts and styles are inline,
  // data comes from this server's API, plots from its report pages.
  http.set_post_routing_handler([](const Request& request, Response& response) {
    if (request.path == "/")
      response.set_header("Content-Security-Policy",
                          "default-src 'self'; script-src 'unsafe-inline'; style-src "
                          "'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self'");
  });
  http.Get("/", wrap([](const Request&) {
             Reply page;
             page.content_type = "text/html; charset=utf-8";
             page.body = std::string(workbench_page());
             return page;
           }));
  http.Get("/api/models", wrap([this](const Request&) { return api.models(); }));
  http.Get("/api/files", wrap([this](const Request&) { return api.files(); }));
  http.Get("/api/open", wrap([this](const Request& r) { return api.open(r); }));
  http.Post("/api/validate", wrap([this](const Request& r) { return api.validate(r); }));
  http.Post("/api/save", wrap([this](const Request& r) { return api.save(r); }));
  http.Post("/api/convert", wrap([this](const Request& r) { return api.convert(r); }));
  http.Post("/api/run", wrap([this](const Request& r) { return api.run(r); }));
  http.Post("/api/mc", wrap([this](const Request& r) { return api.mc(r); }));
  http.Get("/api/runs", wrap([this](const Request&) { return api.jobs(); }));
  http.Get(R"(/api/runs/(\d+))", wrap([this](const Request& r) { return api.job(id_of(r)); }));
  http.Post(R"(/api/runs/(\d+)/cancel)",
            wrap([this](const Request& r) { return api.cancel(id_of(r)); }));
  http.Get(R"(/api/report/(\d+))",
           wrap([this](const Request& r) { return api.report(r, id_of(r)); }));
  http.Post(R"(/api/(compare|advise|whatif))",
            wrap([this](const Request& r) { return api.analysis(r.matches[1].str(), r); }));
  http.Get(R"(/api/runs/(\d+)/events)", [this](const Request& request, Response& response) {
    std::shared_ptr<Job> job = api.find(id_of(request));
    response.set_header("Cache-Control", "no-store");
    response.set_chunked_content_provider(
        "text/event-stream",
        [this, job, last = ~std::uint64_t{0}](std::size_t, httplib::DataSink& sink) mutable {
          return next_event(*job, sink, last, stopping);
        });
  });
}

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->safety();
  impl_->routes();
}

Server::~Server() { stop(); }

int Server::bind() {
  const ServeOptions& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
  } else if (!impl_->http.bind_to_port(o.host, port)) {
    port = -1;
  }
  if (port < 0)
    throw Error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                " (is the port in use? --port 0 picks a free one)");
  impl_->http.widen_backlog();
  impl_->port = port;
  return port;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() {
  impl_->stopping = true;
  impl_->http.stop();
}

std::string Server::url() const {
  const std::string& host = impl_->options.host;
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->port) + "/";
}

}  // namespace parley::serve
