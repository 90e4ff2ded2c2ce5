// Which handler answers a request (router.cpp).
#pragma once
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "state.h"

namespace pratiques::server {

class Router : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Router(State& st) : state_(st) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  State& state_;
};

}  // namespace pratiques::server
