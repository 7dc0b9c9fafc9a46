// The exit code and the one-line message for an exception that ends a
// command: 2 bad input (parley::Error, a command-line error), 3 out of
// memory, 4 internal error (parley::InternalError, any other exception).
// Header-only so that the tests check the same mapping main() uses.
#pragma once

#include <exception>
#include <new>
#include <ostream>

#include "parley/error.h"

namespace parley::cli {

// Rethrows `failure` and returns the exit code, after writing its message.
inline int report_failure(std::exception_ptr failure, std::ostream& err) {
  try {
    std::rethrow_exception(failure);
  } catch (const Error& e) {
    err << "parley: error: " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    err << "parley: error: out of memory\n";
    return 3;
  } catch (const InternalError& e) {
    err << "parley: internal error (a bug in parley): " << e.what() << "\n";
    return 4;
  } catch (const std::exception& e) {
    err << "parley: internal error: " << e.what() << "\n";
    return 4;
  } catch (...) {
    err << "parley: internal error: unknown exception\n";
    return 4;
  }
}

}  // namespace parley::cli
