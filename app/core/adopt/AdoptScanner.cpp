#include "adopt/AdoptScanner.h"

#include "adopt/SlugProposer.h"
#include "applayout/AppRegistryReader.h"
#include "base/InputError.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/CatalogSnapshot.h"
#include "pg/SqlResource.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantSpecValidator.h"

#include <QHash>
#include <QUuid>

namespace {

QString sql(const char* name)
{
    return SqlResource::text(QStringLiteral("adopt/") + QLatin1String(name));
}

// name as a display name, or fallback when the catalog would refuse it.
QString displayNameOf(const QString& name, const QString& fallback)
{
    const QString trimmed = name.trimmed();
    if (!trimmed.isEmpty() && TenantSpecValidator::displayNameProblem(trimmed).isEmpty())
        return trimmed;
    if (TenantSpecValidator::displayNameProblem(fallback).isEmpty())
        return fallback;
    return {};
}

} // namespace

AdoptScanner::AdoptScanner(PgConnection& catalog, ShardConnections& shards, CancelToken cancel)
    : m_catalog(catalog)
    , m_shards(shards)
    , m_cancel(std::move(cancel))
{
}

void AdoptScanner::checkCancelled() const
{
    if (m_cancel)
        throw PgError(PgError::Kind::Cancelled, QStringLiteral("The scan was cancelled."));
}

ShardTarget AdoptScanner::shardNamed(const QString& name)
{
    QStringList names;
    for (const ShardTarget& s : ShardDirectory::all(m_catalog)) {
        if (s.name != name) {
            names.append(s.name);
            continue;
        }
        if (s.host.isEmpty())
            throw InputError(
                QStringLiteral("The shard %1 has no primary endpoint in the catalog: add one first.").arg(name));
        return s;
    }
    throw InputError(QStringLiteral("There is no shard \"%1\". The shards are: %2.")
                         .arg(name, names.isEmpty() ? QStringLiteral("(none)") : names.join(QLatin1String(", "))));
}

AdoptScanner::Owned AdoptScanner::owned(const ShardTarget& shard)
{
    Owned o;
    const PgResult r = m_catalog.exec(sql("owned.sql"), {shard.host, shard.port});
    for (int row = 0; row < r.rows(); ++row) {
        const QString kind = r.text(row, 0);
        if (kind == QLatin1String("schema")) {
            if (r.text(row, 2) == shard.tenantDatabase)
                o.schemas.insert(r.text(row, 1));
        } else if (kind == QLatin1String("database")) {
            o.databases.insert(r.text(row, 1));
        } else {
            o.keys.insert(r.text(row, 1));
        }
    }
    // The catalog itself, when it lives on the shard's server.
    if (m_catalog.host() == shard.host && m_catalog.port() == QString::number(shard.port))
        o.databases.insert(m_catalog.database());
    return o;
}

AppLayout AdoptScanner::layoutFor(const AdoptRequest& request, const ShardTarget& shard, QStringList& notes)
{
    const QString database = request.database.isEmpty() ? shard.tenantDatabase : request.database;
    if (request.layout == AppLayout::Kind::Plain)
        return AppLayout::defaults(AppLayout::Kind::Plain, database);
    // auto on a shard whose layout is recorded: that one (an admin named its tables once already).
    const std::optional<AppLayout> recorded = AppLayout::load(m_catalog, shard.id);
    if (!request.layout && recorded && (request.database.isEmpty() || request.database == recorded->database)) {
        notes.append(QStringLiteral("Using the %1 layout recorded for %2.").arg(toString(recorded->kind), shard.name));
        if (!recorded->hasRegistry())
            return *recorded;
        return AppRegistryReader::checked(m_shards.to(shard, recorded->database),
                                          recorded->withOptions(request.options));
    }
    PgConnection& appDb = m_shards.to(shard, database);
    AppLayout layout;
    if (request.layout) {
        layout = AppRegistryReader::checked(
            appDb, AppLayout::defaults(*request.layout, database).withOptions(request.options));
    } else {
        layout = AppLayout::defaults(AppLayout::Kind::Plain, database);
        const QList<AppLayout::Kind> kinds{AppLayout::Kind::DjangoTenants, AppLayout::Kind::Stancl,
                                           AppLayout::Kind::Apartment};
        for (AppLayout::Kind kind : kinds) {
            const AppLayout tried = AppLayout::defaults(kind, database).withOptions(request.options);
            if (AppRegistryReader::fits(appDb, tried)) {
                layout = AppRegistryReader::checked(appDb, tried);
                break;
            }
        }
        // Tables named by the admin that none of the layouts finds are a mistake, not a plain fleet.
        if (!layout.hasRegistry() && !request.options.isEmpty())
            AppRegistryReader::checked(appDb,
                                       AppLayout::defaults(kinds.first(), database).withOptions(request.options));
        notes.append(
            layout.hasRegistry()
                ? QStringLiteral("Found the tables of a %1 application in %2.").arg(toString(layout.kind), database)
                : QStringLiteral("No application tenant tables found in %1 (tried django-tenants, stancl, "
                                 "apartment): plain layout.")
                      .arg(database));
    }
    if (layout.hasRegistry() && !layout.databaseTenants() && database != shard.tenantDatabase)
        throw InputError(
            QStringLiteral("The application's tables are in the database %1, but the schema tenants of %2 live in "
                           "its tenant database %3: register the shard with the tenant database %1, or scan %3.")
                .arg(database, shard.name, shard.tenantDatabase));
    if (layout.hasRegistry() && layout.activeColumn.isEmpty())
        notes.append(QStringLiteral("The application's tenant table has no active column: suspending a tenant "
                                    "locks its objects, but the application's table is not told."));
    return layout;
}

QList<std::pair<QString, QString>> AdoptScanner::sharedKeys(PgConnection& tenantsDb, QStringList& notes)
{
    const PgResult tables = tenantsDb.exec(sql("shared_key_tables.sql"));
    if (tables.rows() == 0)
        return {};
    // Built from quoted parts: a table's name may hold anything.
    QStringList selects;
    for (int row = 0; row < tables.rows(); ++row)
        selects.append(QStringLiteral("SELECT tenant_id::text AS k, ") + QString::number(row)
                       + QStringLiteral(" AS t FROM shared.") + tenantsDb.quoteIdentifier(tables.text(row, 0)));
    PgResult keys;
    try {
        keys = tenantsDb.exec(QStringLiteral("SELECT k, min(t) FROM (") + selects.join(QLatin1String(" UNION ALL "))
                              + QStringLiteral(") x WHERE k IS NOT NULL GROUP BY k ORDER BY k"));
    } catch (const PgError& e) {
        if (e.sqlState() != QLatin1String("42501"))
            throw;
        const QString role = tenantsDb.quoteIdentifier(tenantsDb.user());
        throw InputError(QStringLiteral("The shared tables' tenant keys cannot be read as %1 (%2). On %3, run:\n"
                                        "GRANT USAGE ON SCHEMA shared TO %1; GRANT SELECT ON ALL TABLES IN "
                                        "SCHEMA shared TO %1;")
                             .arg(role, e.message(), tenantsDb.database()));
    }
    QList<std::pair<QString, QString>> found;
    for (int row = 0; row < keys.rows(); ++row) {
        const QString key = keys.text(row, 0);
        if (QUuid::fromString(key).isNull()) {
            notes.append(QStringLiteral("The shared tables hold the key \"%1\", which is not a UUID: a shared-table "
                                        "tenant's key must be one, so it is not offered.")
                             .arg(key));
            continue;
        }
        found.append({key, tables.text(int(keys.toInt(row, 1)), 0)});
    }
    return found;
}

void AdoptScanner::noteTakenDomains(AdoptScan& scan)
{
    QList<CatalogDomain> routes;
    for (const AdoptCandidate& c : std::as_const(scan.candidates)) {
        QString ignored;
        routes += TenantSpecValidator::parseDomains(c.domains, &ignored).value_or(QList<CatalogDomain>());
    }
    if (routes.isEmpty())
        return;
    const PgResult taken = m_catalog.exec(SqlResource::text(QStringLiteral("provision/domains_taken.sql")),
                                          {CatalogDomain::toJsonRows(routes), QVariant()});
    for (int row = 0; row < taken.rows(); ++row)
        scan.notes.append(QStringLiteral("The domain %1 routes to the tenant \"%2\" already: adopting the tenant "
                                         "that lists it fails until one of them gives it up.")
                              .arg(taken.text(row, 0), taken.text(row, 1)));
}

AdoptScan AdoptScanner::scan(const AdoptRequest& request)
{
    if (request.shard.trimmed().isEmpty())
        throw InputError(QStringLiteral("Name the shard to scan (--shard NAME)."));
    if (CatalogMigrator::currentVersion(m_catalog) < 5)
        throw InputError(QStringLiteral(
            "The catalog is older than version 5, which records adopted tenants: run `tenantctl catalog migrate` "
            "first."));
    AdoptScan scan;
    Owned taken;
    QStringList slugs;
    {
        CatalogSnapshot snapshot(m_catalog);
        scan.shard = shardNamed(request.shard.trimmed());
        taken = owned(scan.shard);
        const PgResult s = m_catalog.exec(sql("taken_slugs.sql"));
        for (int row = 0; row < s.rows(); ++row)
            slugs.append(s.text(row, 0));
    }
    checkCancelled();
    scan.layout = layoutFor(request, scan.shard, scan.notes);
    taken.databases.insert(scan.layout.database);

    QHash<QString, AppTenantRow> listed; // by schema or database name
    if (scan.layout.hasRegistry()) {
        for (const AppTenantRow& row :
             AppRegistryReader::read(m_shards.to(scan.shard, scan.layout.database), scan.layout))
            listed.insert(row.objectName, row);
    }
    const bool databases = scan.layout.databaseTenants();
    checkCancelled();

    PgConnection& tenantsDb = m_shards.to(scan.shard, scan.shard.tenantDatabase);
    QList<AdoptCandidate> found;
    auto offer = [&](IsolationModel model, const QString& name, const QString& owner) {
        AdoptCandidate c;
        c.model = model;
        c.objectName = name;
        c.owner = owner;
        const bool appModel = model == (databases ? IsolationModel::Database : IsolationModel::Schema);
        if (const auto it = listed.constFind(name); appModel && it != listed.cend()) {
            c.listed = true;
            c.appTenantId = it->appId;
            c.displayName = it->name;
            for (const QString& d : it->domains) {
                QString problem;
                if (const std::optional<CatalogDomain> domain = TenantSpecValidator::parseDomain(d, &problem))
                    c.domains.append(domain->route());
                else
                    scan.notes.append(QStringLiteral("%1: the domain \"%2\" is left out: %3").arg(name, d, problem));
            }
            listed.remove(name);
        } else {
            c.listed = !scan.layout.hasRegistry();
        }
        found.append(c);
    };
    const PgResult schemas = tenantsDb.exec(sql("schemas.sql"));
    for (int row = 0; row < schemas.rows(); ++row) {
        if (!taken.schemas.contains(schemas.text(row, 0)))
            offer(IsolationModel::Schema, schemas.text(row, 0), schemas.text(row, 1));
    }
    checkCancelled();
    const PgResult dbs = tenantsDb.exec(sql("databases.sql"));
    for (int row = 0; row < dbs.rows(); ++row) {
        if (!taken.databases.contains(dbs.text(row, 0)))
            offer(IsolationModel::Database, dbs.text(row, 0), dbs.text(row, 1));
    }
    for (const auto& [key, table] : sharedKeys(tenantsDb, scan.notes)) {
        if (!taken.keys.contains(key)) {
            offer(IsolationModel::Shared, key, {});
            found.last().listed = true;
            found.last().displayName = QStringLiteral("Tenant %1 (shared.%2)").arg(key.left(8), table);
        }
    }
    for (const AppTenantRow& row : std::as_const(listed)) {
        if (row.objectName == QLatin1String("public"))
            scan.notes.append(QStringLiteral("The application's row %1 names public: that is its shared schema, "
                                             "not a tenant.")
                                  .arg(row.appId));
        else if (!taken.schemas.contains(row.objectName) && !taken.databases.contains(row.objectName))
            scan.notes.append(QStringLiteral("The application lists \"%1\" (id %2), but there is no such %3 on %4.")
                                  .arg(row.objectName, row.appId,
                                       databases ? QStringLiteral("database") : QStringLiteral("schema"),
                                       scan.shard.label()));
    }

    // Slugs: the application's tenants first, so that theirs are the plain ones.
    std::stable_sort(found.begin(), found.end(),
                     [](const AdoptCandidate& a, const AdoptCandidate& b) { return a.listed > b.listed; });
    SlugProposer proposer(slugs);
    for (AdoptCandidate& c : found) {
        const QString from = c.displayName.trimmed().isEmpty() || c.model == IsolationModel::Shared ? c.objectName
                                                                                                    : c.displayName;
        c.slug = proposer.propose(c.model == IsolationModel::Shared ? QStringLiteral("tenant-") + from.left(8) : from,
                                  c.model);
        c.displayName = displayNameOf(c.displayName, c.objectName);
        if (c.displayName.isEmpty())
            c.displayName = c.slug;
    }
    scan.candidates = found;
    noteTakenDomains(scan);
    return scan;
}
