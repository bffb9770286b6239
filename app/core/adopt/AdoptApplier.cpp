#include "adopt/AdoptApplier.h"

#include "base/InputError.h"
#include "catalog/CatalogGate.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/TenantNames.h"
#include "pg/LocalSettings.h"
#include "pg/OutcomeReadBack.h"
#include "pg/SqlResource.h"
#include "provision/TenantSpecValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace {

QString sql(const QString& name)
{
    return SqlResource::text(name);
}

QByteArray json(const QJsonValue& value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QVariant orNull(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QList<CatalogDomain> domainsOf(const AdoptCandidate& c)
{
    QString ignored;
    return TenantSpecValidator::parseDomains(c.domains, &ignored).value_or(QList<CatalogDomain>());
}

// How a collision line says that the candidate is in the catalog already.
const QString alreadyAdopted = QStringLiteral(" is already adopted: ");

QString what(const AdoptCandidate& c)
{
    return QStringLiteral("%1 %2").arg(toString(c.model), c.objectName);
}

} // namespace

AdoptApplier::AdoptApplier(PgConnection& catalog)
    : m_catalog(catalog)
{
}

QStringList AdoptApplier::problems(const QList<AdoptCandidate>& chosen)
{
    QStringList found;
    QHash<QString, QString> identifiers;
    QHash<QString, QString> routes;
    if (chosen.isEmpty())
        found.append(QStringLiteral("Nothing is selected to adopt."));
    for (const AdoptCandidate& c : chosen) {
        if (const QString p = TenantSpecValidator::slugProblem(c.slug, c.model); !p.isEmpty())
            found.append(QStringLiteral("%1: %2").arg(what(c), p));
        if (const QString p = TenantSpecValidator::displayNameProblem(c.displayName); !p.isEmpty())
            found.append(QStringLiteral("%1: %2").arg(what(c), p));
        QString p;
        if (!TenantSpecValidator::parseDomains(c.domains, &p))
            found.append(QStringLiteral("%1: %2").arg(what(c), p));
        const QString id = TenantNames::identifier(c.slug);
        if (identifiers.contains(id))
            found.append(QStringLiteral("%1 and %2 would both be the tenant \"%3\": give one another slug.")
                             .arg(identifiers.value(id), what(c), c.slug));
        identifiers.insert(id, what(c));
        for (const CatalogDomain& d : domainsOf(c)) {
            if (routes.contains(d.route()))
                found.append(QStringLiteral("The domain %1 is listed for both %2 and %3.")
                                 .arg(d.route(), routes.value(d.route()), what(c)));
            routes.insert(d.route(), what(c));
        }
    }
    return found;
}

QStringList AdoptApplier::preview(const AdoptScan& scan, const QList<AdoptCandidate>& chosen, const Template& t)
{
    QStringList lines;
    for (const AdoptCandidate& c : chosen) {
        QString line = QStringLiteral("register %1 \"%2\": %3 on %4, active")
                           .arg(c.slug, c.displayName, what(c), scan.shard.name);
        if (!c.appTenantId.isEmpty())
            line += QStringLiteral(", application id %1").arg(c.appTenantId);
        if (!c.domains.isEmpty())
            line += QStringLiteral(", domains ") + c.domains.join(QLatin1String(", "));
        if (!t.name.isEmpty())
            line += QStringLiteral(", template %1 v%2").arg(t.name).arg(t.version);
        lines.append(line);
    }
    lines.append(
        scan.layout.hasRegistry()
            ? QStringLiteral("record the %1 layout of %2 (tables in %3: %4): tenants created, renamed, "
                             "suspended or deleted through TenantDesk are written there too")
                  .arg(toString(scan.layout.kind), scan.shard.name, scan.layout.database,
                       scan.layout.tenantTable.text())
            : QStringLiteral("record the plain layout of %1 (no application tenant table)").arg(scan.shard.name));
    lines.append(QStringLiteral("one audit row each, all in one catalog transaction; nothing on the shard changes"));
    return lines;
}

QHash<IsolationModel, int> AdoptApplier::templateVersions(const QList<AdoptCandidate>& chosen, const Template& t)
{
    QHash<IsolationModel, int> versions;
    if (t.name.isEmpty())
        return versions;
    if (const QString p = TenantSpecValidator::templateProblem(t.name, t.version); !p.isEmpty())
        throw InputError(p);
    for (const AdoptCandidate& c : chosen) {
        if (versions.contains(c.model))
            continue;
        const PgResult r = m_catalog.exec(sql(QStringLiteral("provision/template.sql")),
                                          {t.name, toString(c.model), t.version});
        if (r.rows() == 0)
            throw InputError(QStringLiteral("The catalog has no template \"%1\"%2 for %3 tenants: nothing was "
                                            "adopted.")
                                 .arg(t.name, t.version > 0 ? QStringLiteral(" version %1").arg(t.version) : QString(),
                                      toString(c.model)));
        versions.insert(c.model, int(r.toInt(0, 0)));
    }
    return versions;
}

QString AdoptApplier::collisionAdvice(const QStringList& collisions)
{
    int adopted = 0;
    for (const QString& line : collisions)
        adopted += line.contains(alreadyAdopted) ? 1 : 0;
    const QString leaveOut = QStringLiteral("Leave out what is already adopted (a new scan no longer offers it).");
    if (adopted == collisions.size())
        return leaveOut;
    const QString rename = QStringLiteral("Give the others another slug, or remove the domain from the other tenant.");
    return adopted > 0 ? leaveOut + u' ' + rename
                       : QStringLiteral("Give those another slug, leave them out, or remove the domain from the other "
                                        "tenant.");
}

QStringList AdoptApplier::collisions(const AdoptScan& scan, const QList<AdoptCandidate>& chosen)
{
    QJsonArray tenants;
    QList<CatalogDomain> domains;
    for (const AdoptCandidate& c : chosen) {
        tenants.append(QJsonObject{{QLatin1String("slug"), c.slug},
                                   {QLatin1String("identifier"), TenantNames::identifier(c.slug)},
                                   {QLatin1String("schema_name"), c.schemaName()},
                                   {QLatin1String("database_name"), c.databaseName()},
                                   {QLatin1String("tenant_key"), c.tenantKey()}});
        domains += domainsOf(c);
    }
    const PgResult r = m_catalog.exec(sql(QStringLiteral("adopt/conflicts.sql")), {json(tenants), scan.shard.id});
    QStringList lines;
    for (int row = 0; row < r.rows(); ++row) {
        const QString same = r.text(row, 2);
        // Its schema, database or key is a tenant's already: adopted before (by another window, or
        // another admin), not a name to change.
        if (same == QLatin1String("schema") || same == QLatin1String("database") || same == QLatin1String("key"))
            lines.append(QStringLiteral("\"%1\"%2its %3 is the tenant \"%4\"")
                             .arg(r.text(row, 0), alreadyAdopted, same, r.text(row, 1)));
        else
            lines.append(QStringLiteral("\"%1\" collides with the tenant \"%2\" (same %3)")
                             .arg(r.text(row, 0), r.text(row, 1), same));
    }
    if (!domains.isEmpty()) {
        const PgResult d = m_catalog.exec(sql(QStringLiteral("provision/domains_taken.sql")),
                                          {CatalogDomain::toJsonRows(domains), QVariant()});
        for (int row = 0; row < d.rows(); ++row)
            lines.append(QStringLiteral("the domain %1 routes to the tenant \"%2\" already")
                             .arg(d.text(row, 0), d.text(row, 1)));
    }
    return lines;
}

QList<qint64> AdoptApplier::apply(const AdoptScan& scan, const QList<AdoptCandidate>& chosen, const Template& t)
{
    if (const QStringList p = problems(chosen); !p.isEmpty())
        throw InputError(p.join(u'\n') + QStringLiteral("\nNothing was adopted."));
    CatalogGate::require(m_catalog, CatalogGate::Access::Write);
    if (CatalogMigrator::currentVersion(m_catalog) < 5)
        throw InputError(QStringLiteral("The catalog is older than version 5: run `tenantctl catalog migrate` "
                                        "first. Nothing was adopted."));
    QList<qint64> ids;
    try {
        m_catalog.transaction(
            [&] {
                const QHash<IsolationModel, int> versions = templateVersions(chosen, t);
                if (const QStringList lines = collisions(scan, chosen); !lines.isEmpty())
                    throw InputError(QStringLiteral("Nothing was adopted: %1. %2")
                                         .arg(lines.join(QLatin1String("; ")), collisionAdvice(lines)));
                for (const AdoptCandidate& c : chosen) {
                    const QJsonObject details{{QLatin1String("model"), toString(c.model)},
                                              {QLatin1String("shard"), scan.shard.name},
                                              {QLatin1String("object"), c.objectName},
                                              {QLatin1String("owner"), c.owner},
                                              {QLatin1String("app_tenant_id"), c.appTenantId},
                                              {QLatin1String("layout"), toString(scan.layout.kind)}};
                    const PgResult r = m_catalog.exec(
                        sql(QStringLiteral("provision/record_tenant.sql")),
                        {c.slug, c.displayName, toString(c.model), scan.shard.id, orNull(c.schemaName()),
                         orNull(c.databaseName()), orNull(c.tenantKey()), orNull(t.name),
                         t.name.isEmpty() ? QVariant() : QVariant(versions.value(c.model)), QStringLiteral("active"),
                         CatalogDomain::toJsonRows(domainsOf(c)), QStringLiteral("tenant.adopt"), json(details)});
                    ids.append(r.toInt(0, 0));
                    if (!c.appTenantId.isEmpty())
                        m_catalog.exec(sql(QStringLiteral("applayout/set_app_tenant_id.sql")), {c.slug, c.appTenantId});
                }
                QJsonObject details = scan.layout.options();
                details.insert(QLatin1String("shard"), scan.shard.name);
                details.insert(QLatin1String("layout"), toString(scan.layout.kind));
                details.insert(QLatin1String("database"), scan.layout.database);
                m_catalog.exec(sql(QStringLiteral("adopt/record_layout.sql")),
                               {scan.shard.id, toString(scan.layout.kind), scan.layout.database,
                                json(scan.layout.options()), json(details)});
            },
            LocalSettings::beginPinned());
    } catch (const PgError& e) {
        if (e.kind() == PgError::Kind::UnknownOutcome) {
            readBack(scan, e);
            return ids; // committed: the ids the transaction returned are the tenants'
        }
        if (e.sqlState() == QLatin1String("23505"))
            throw InputError(QStringLiteral("Nothing was adopted: someone registered one of these tenants, "
                                            "names or domains a moment ago (%1). Scan again.")
                                 .arg(e.message()));
        throw;
    }
    return ids;
}

void AdoptApplier::readBack(const AdoptScan& scan, const PgError& lost)
{
    bool committed = false;
    try {
        committed = OutcomeReadBack::committed(m_catalog);
    } catch (const Failure& e) {
        throw PgError(PgError::Kind::UnknownOutcome,
                      QStringLiteral("Whether the tenants were adopted is unknown (%1), and it could not be read back "
                                     "(%2). Nothing more was done. `tenantctl adopt scan --shard %3` lists what is "
                                     "still to adopt (an adopted tenant is no longer listed): running the same "
                                     "adoption again takes only those.")
                          .arg(lost.message(), e.message(), scan.shard.name));
    }
    if (!committed)
        throw PgError(PgError::Kind::Connection,
                      QStringLiteral("Nothing was adopted: the connection was lost at the COMMIT (%1), and read back, "
                                     "the catalog did not commit it. Run it again.")
                          .arg(lost.message()));
}
