#include "pratiques/yaml_json.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "pratiques/pattern.h"

namespace pratiques {

namespace {

Poco::Dynamic::Var convert(const YAML::Node& n) {
  static const Pattern integer("-?[0-9]{1,15}");
  switch (n.Type()) {
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") return s;  // quoted in the source: always a string
      if (s == "true") return true;
      if (s == "false") return false;
      if (integer.matches(s)) return std::stoll(s);
      return s;
    }
    case YAML::NodeType::Sequence: {
      Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
      for (const auto& x : n) a->add(convert(x));
      return a;
    }
    case YAML::NodeType::Map: {
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      for (auto it = n.begin(); it != n.end(); ++it)
        o->set(it->first.IsScalar() ? it->first.Scalar() : "?", convert(it->second));
      return o;
    }
    default: return Poco::Dynamic::Var();
  }
}

}  // namespace

std::string yaml_to_json(const YAML::Node& node) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(convert(node), out);
  return out.str();
}

}  // namespace pratiques
