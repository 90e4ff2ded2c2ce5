// OAI-PMH records of sheets, written from the catalogue (front matter JSON, sections, vocabulary
// labels; never from content/): the header, unqualified Dublin Core (oai_dc) and the native
// format carrying the whole grid (namespace kNativeNamespace, schema assets/oai/pratiques-fiche.xsd).
#pragma once
#include <Poco/JSON/Object.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pratiques {
class Catalog;
}

namespace pratiques::server {

inline constexpr const char* kNativePrefix = "pratiques";
inline constexpr const char* kNativeNamespace = "urn:pratiques:fiche:1";
inline constexpr const char* kNativeSchemaPath = "/oai/pratiques-fiche.xsd";

// Labels of every vocabulary value and which vocabulary each front-matter field uses (from the
// grid recorded in the catalogue). Read once per index generation.
struct OaiVocabulary {
  std::map<std::string, std::map<std::string, std::string>> labels;    // vocab → slug → label
  std::map<std::string, std::vector<std::string>> field_vocabularies;  // "territoire.departement" → {"departements"}
  std::string grid_version;
  static std::shared_ptr<const OaiVocabulary> load(Catalog& cat);
  // The label of a field's value, or "" when the field has no vocabulary or the value is unknown.
  std::string label(const std::string& field, const std::string& value) const;
};

struct OaiSection {
  std::string key, title, anchor, markdown;
  int number = 0;
  bool undocumented = false;
};

struct OaiSheet {
  std::string id, url;  // url: the public page of the sheet (dc:identifier)
  Poco::JSON::Object::Ptr front;
  std::vector<OaiSection> sections;
};

struct OaiHeader {
  std::string identifier, datestamp;
  std::vector<std::string> sets;
  bool deleted = false;
};

// XML 1.0 text (content or double-quoted attribute): & < > " escaped, characters XML forbids (C0 controls but tab and
// newlines) dropped.
std::string xml_text(const std::string& s);

std::string header_xml(const OaiHeader& h);
std::string oai_dc_xml(const OaiSheet& sheet, const OaiVocabulary& vocab);
// `schema_url`: where the server publishes the native schema (base URL + kNativeSchemaPath).
std::string native_xml(const OaiSheet& sheet, const OaiVocabulary& vocab, const std::string& schema_url);

}  // namespace pratiques::server
