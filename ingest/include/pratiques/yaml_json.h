// Front matter (YAML) → JSON text, so that the catalogue and the site never parse YAML.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace pratiques {

// Scalars become strings, except true/false (booleans) and plain integers (numbers).
std::string yaml_to_json(const YAML::Node& node);

}  // namespace pratiques
