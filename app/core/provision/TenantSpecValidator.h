#pragma once

#include "base/InputError.h"
#include "catalog/CatalogDomain.h"
#include "provision/TenantSpec.h"

#include <QList>
#include <QString>
#include <optional>

// The checks a TenantSpec passes before anything is sent to a server: slug, display name, shard
// and template names, domains. Each message says what is wrong and how to put it right, and
// never repeats text that carries invisible characters. What only the catalog knows (a slug or
// domain already taken, a shard or template that does not exist) is checked by
// TenantProvisioner::plan() on top of these.
class TenantSpecValidator {
public:
    static constexpr int MaxDisplayNameLength = 200; // the catalog's CHECK, in characters
    static constexpr int MaxPathLength = 200;

    enum class Field { Slug, DisplayName, Shard, Template, Domains };
    struct Problem {
        Field field;
        QString message;
    };

    // Every problem of spec, one per field, in field order; empty when it may be sent.
    static QList<Problem> problems(const TenantSpec& spec);

    // The problem with one field, or an empty string.
    static QString slugProblem(const QString& slug, IsolationModel model);
    static QString displayNameProblem(const QString& displayName);
    static QString shardProblem(const QString& shard);
    static QString templateProblem(const QString& templateName, int version);

    // "host", "host:port", "host/path" or "host:port/path" as the catalog stores it: the host in
    // lower case, no trailing '/' on the path. nullopt with *problem set when it is not one.
    static std::optional<CatalogDomain> parseDomain(const QString& text, QString* problem);
    // Every domain of a list (empty entries skipped); nullopt with *problem set at the first bad
    // one, or when one is listed twice.
    static std::optional<QList<CatalogDomain>> parseDomains(const QStringList& texts, QString* problem);

    // The spec with its text fields trimmed and its domains in their catalog form: what is planned.
    static TenantSpec normalized(const TenantSpec& spec);

    // All problems as one InputError, one line each.
    static InputError toError(const QList<Problem>& problems);
};
