#include "catalog/opendata.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

namespace yc::catalog {
namespace {

namespace json = boost::json;

json::object zh(const std::string& text) { return json::object{{"@value", text}, {"@language", "zh-Hans"}}; }

// Working days written as an ISO 8601 duration in days (the nearest the
// vocabulary has); an immediate item is P0D.
std::string duration(const TimeLimit& t) {
  return fmt::format("P{}D", t.kind == "immediate" ? 0 : t.promised_days);
}

}  // namespace

json::value to_cpsv_ap(const std::vector<Item>& items, const std::string& base) {
  json::array graph;
  for (const auto& it : items) {
    const auto url = base + "/guides/" + it.code;
    json::array criteria, inputs, legal, channels;
    for (const auto& c : it.conditions)
      criteria.push_back(json::object{{"@type", "cv:CriterionRequirement"}, {"dct:title", zh(c)}});
    for (const auto& m : it.materials)
      inputs.push_back(json::object{{"@type", "cv:Evidence"}, {"dct:title", zh(m.name)},
                                    {"dct:description", zh(fmt::format("{},{} 份{}", label("material_form", m.form), m.count,
                                                                       m.required ? "" : ";" + m.condition))}});
    for (const auto& b : it.legal_basis)
      legal.push_back(json::object{{"@type", "eli:LegalResource"}, {"dct:title", zh(b.law + b.article)}});
    for (const auto& c : it.channels)
      channels.push_back(json::object{{"@type", "cv:Channel"}, {"dct:type", zh(std::string(label("channel", c)))}});
    graph.push_back(json::object{
        {"@id", url},
        {"@type", "cpsv:PublicService"},
        {"dct:identifier", it.code},
        {"dct:title", zh(it.name)},
        {"dct:description", zh(it.summary)},
        {"dct:type", zh(std::string(label("type", it.type)))},
        {"cv:sector", zh(std::string(label("category", it.category)))},
        {"cv:hasCompetentAuthority", json::object{{"@type", "cv:PublicOrganisation"}, {"skos:prefLabel", zh(it.body)}}},
        {"cv:hasCriterion", std::move(criteria)},
        {"cv:hasInput", std::move(inputs)},
        {"cv:hasLegalResource", std::move(legal)},
        {"cv:processingTime", duration(it.time_limit)},
        {"cv:hasCost", json::object{{"@type", "cv:Cost"},
                                    {"cv:value", it.fee.free ? json::value(0) : json::value(it.fee.amount)},
                                    {"cv:currency", "CNY"},
                                    {"dct:description", zh(it.fee.free ? std::string("不收费") : it.fee.basis)}}},
        {"cv:hasChannel", std::move(channels)},
        {"cv:produces", json::object{{"@type", "cv:Output"}, {"dct:title", zh(it.result.name)}}},
        {"dcat:landingPage", url},
    });
  }
  return json::object{
      {"@context", json::object{{"cpsv", "http://purl.org/vocab/cpsv#"},
                                {"cv", "http://data.europa.eu/m8g/"},
                                {"dct", "http://purl.org/dc/terms/"},
                                {"dcat", "http://www.w3.org/ns/dcat#"},
                                {"eli", "http://data.europa.eu/eli/ontology#"},
                                {"skos", "http://www.w3.org/2004/02/skos/core#"}}},
      {"@graph", std::move(graph)},
  };
}

json::value to_schema_org(const std::vector<Item>& items, const std::string& base, const std::string& area) {
  json::array graph;
  for (const auto& it : items) {
    const auto url = base + "/guides/" + it.code;
    json::array channels;
    for (const auto& c : it.channels)
      channels.push_back(json::object{{"@type", "ServiceChannel"}, {"name", label("channel", c)}});
    json::array audience;
    for (const auto& o : it.service_objects)
      audience.push_back(json::object{{"@type", "Audience"}, {"audienceType", label("service_object", o)}});
    graph.push_back(json::object{
        {"@id", url},
        {"@type", "GovernmentService"},
        {"identifier", it.code},
        {"name", it.name},
        {"description", it.summary},
        {"serviceType", label("type", it.type)},
        {"category", label("category", it.category)},
        {"provider", json::object{{"@type", "GovernmentOrganization"}, {"name", it.body}}},
        {"areaServed", json::object{{"@type", "AdministrativeArea"}, {"name", area}}},
        {"audience", std::move(audience)},
        {"availableChannel", std::move(channels)},
        {"isAccessibleForFree", it.fee.free},
        {"url", url},
        {"inLanguage", "zh-CN"},
    });
  }
  return json::object{{"@context", "https://schema.org"}, {"@graph", std::move(graph)}};
}

}  // namespace yc::catalog
