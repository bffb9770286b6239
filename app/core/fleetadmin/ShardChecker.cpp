#include "fleetadmin/ShardChecker.h"

#include "fleetadmin/FleetListing.h"
#include "pg/Ddl.h"
#include "pg/PasswordFile.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

const QString FallbackDatabase = QStringLiteral("postgres");

bool isLoopback(const QString& host)
{
    return host == QLatin1String("localhost") || host.startsWith(QLatin1String("127.")) || host == QLatin1String("::1");
}

// Whether a replica's WAL receiver (sender_host, sender_port) is the shard's primary. Loopback
// names are one machine; a Unix socket directory is the local server.
bool sameServer(const QString& senderHost, int senderPort, const FleetEndpoint& primary)
{
    if (senderPort != primary.spec.port)
        return false;
    const QString& host = primary.spec.host;
    return senderHost == host || (isLoopback(senderHost) && isLoopback(host))
           || (senderHost.startsWith(u'/') && (host.startsWith(u'/') || isLoopback(host)));
}

// The passfile line libpq would need, with the password left for the admin to fill in.
QString passfileLine(const QString& host, int port, const QString& user)
{
    auto escaped = [](QString field) {
        return field.replace(u'\\', QLatin1String("\\\\")).replace(u':', QLatin1String("\\:"));
    };
    return QStringLiteral("%1:%2:*:%3:<its password>").arg(escaped(host)).arg(port).arg(escaped(user));
}

} // namespace

// One check of one shard: the report it fills in, and the admin connection to the primary that
// the role checks and the fixes' quoting use.
class ShardChecker::Run {
public:
    Run(const ShardChecker& checker, const FleetShard& shard, const FleetRoles& roles,
        const ShardTenantObjects& tenants)
        : m_checker(checker)
        , m_shard(shard)
        , m_roles(roles.onShard(shard.spec.appRoles))
        , m_tenants(tenants)
    {
        m_report.shard = shard.spec.name;
        m_report.roles = m_roles;
    }

    ShardCheckReport run()
    {
        if (m_shard.endpoints.isEmpty())
            fail({}, QStringLiteral("the shard has endpoints"), QStringLiteral("it has none"),
                 QStringLiteral("tenantctl shards endpoint-add %1 --role primary --host HOST --port PORT")
                     .arg(m_shard.spec.name));
        else if (!m_shard.primary())
            fail({}, QStringLiteral("the shard has a primary"), QStringLiteral("it has only replicas"),
                 QStringLiteral("tenantctl shards endpoint-edit %1 HOST:PORT --role primary").arg(m_shard.spec.name));
        for (const FleetEndpoint& endpoint : m_shard.endpoints)
            checkEndpoint(endpoint);
        return m_report;
    }

private:
    void add(const FleetEndpoint* endpoint, const QString& what, bool ok, const QString& detail,
             const QString& fix = {}, const QString& fixSql = {}, const QString& fixDatabase = {})
    {
        m_report.items.append({endpoint ? endpoint->label() : QString(),
                               what,
                               ok,
                               detail,
                               ok ? QString() : fix,
                               ok ? QString() : fixSql,
                               ok ? QString() : fixDatabase,
                               {}});
    }
    void pass(const FleetEndpoint* endpoint, const QString& what, const QString& detail = {})
    {
        add(endpoint, what, true, detail);
    }
    void fail(const FleetEndpoint* endpoint, const QString& what, const QString& detail, const QString& fix,
              const QString& fixSql = {}, const QString& fixDatabase = {})
    {
        add(endpoint, what, false, detail, fix, fixSql, fixDatabase);
    }

    void checkEndpoint(const FleetEndpoint& endpoint)
    {
        PgConnection admin;
        const bool adminIn = loginAsAdmin(endpoint, admin);
        if (adminIn) {
            pass(&endpoint, QStringLiteral("server version"), admin.serverVersionText());
            checkServerRole(endpoint, admin);
            if (endpoint.isPrimary()) {
                TenantReachCheck reach(m_checker, endpoint, m_roles);
                checkReach(endpoint, [&] { return reach.owners(admin, m_tenants); });
                checkRights(endpoint, admin);
                checkReach(endpoint, [&] { return reach.supportReach(admin, m_shard, m_tenants); });
            }
        }
        checkSupport(endpoint, adminIn);
    }

    // The admin role into the tenant database; when that database is missing, into `postgres`,
    // so the roles can still be checked (and the database created by prepare).
    bool loginAsAdmin(const FleetEndpoint& endpoint, PgConnection& admin)
    {
        const QString what = QStringLiteral("%1 (TenantDesk's admin role) logs in").arg(m_roles.admin);
        const QString& database = m_shard.spec.tenantDatabase;
        QString firstError;
        for (const QString& db : {database, FallbackDatabase}) {
            try {
                admin.open(m_checker.loginParams(endpoint, db, m_roles.admin));
                admin.setReplyTimeout(EndpointTimeoutSeconds * 1000);
                pass(&endpoint, what, QStringLiteral("into database %1").arg(db));
                return true;
            } catch (const PgError& e) {
                if (!firstError.isEmpty())
                    break;
                firstError = e.message().trimmed();
                if (!firstError.contains(QLatin1String("does not exist"))
                    || !firstError.contains(QLatin1String("database")))
                    break; // only a missing database is worth the second try
            }
        }
        fail(&endpoint, what, firstError,
             QStringLiteral("Let %1 in from this machine (pg_hba.conf), and give libpq its password in the "
                            "passfile: %2")
                 .arg(m_roles.admin, passfileLine(endpoint.spec.host, endpoint.spec.port, m_roles.admin)));
        return false;
    }

    void checkServerRole(const FleetEndpoint& endpoint, PgConnection& admin)
    {
        const PgResult r = admin.exec(SqlResource::text(QStringLiteral("fleetadmin/check_server.sql")));
        const bool inRecovery = r.toBool(0, 0);
        const QString fixRole = QStringLiteral("tenantctl shards endpoint-edit %1 %2:%3 --role %4")
                                    .arg(m_shard.spec.name, endpoint.spec.host)
                                    .arg(endpoint.spec.port);
        if (endpoint.isPrimary()) {
            const QString what = QStringLiteral("the primary is not in recovery");
            if (!inRecovery)
                pass(&endpoint, what);
            else
                fail(&endpoint, what, QStringLiteral("the server is in recovery: it is a replica"),
                     fixRole.arg(QStringLiteral("replica")));
            return;
        }
        const QString what = QStringLiteral("the replica streams from the shard's primary");
        const FleetEndpoint* primary = m_shard.primary();
        if (!inRecovery) {
            fail(&endpoint, what, QStringLiteral("the server is not in recovery: it is a primary, not a replica"),
                 QStringLiteral("Remove it from this shard (tenantctl shards endpoint-remove %1 %2:%3), or point it "
                                "at the right server")
                     .arg(m_shard.spec.name, endpoint.spec.host)
                     .arg(endpoint.spec.port));
            return;
        }
        if (r.isNull(0, 1)) {
            fail(&endpoint, what, QStringLiteral("the server is in recovery but not streaming (no WAL receiver)"),
                 QStringLiteral("Check its primary_conninfo and the primary's pg_hba.conf replication entry"));
            return;
        }
        if (r.isNull(0, 2)) {
            fail(&endpoint, what,
                 QStringLiteral("the server streams (%1), but %2 may not see from where")
                     .arg(r.text(0, 1), m_roles.admin),
                 QStringLiteral("GRANT pg_monitor TO %1;").arg(admin.quoteIdentifier(m_roles.admin)));
            return;
        }
        const QString sender = QStringLiteral("%1:%2").arg(r.text(0, 2), r.text(0, 3));
        if (primary && sameServer(r.text(0, 2), int(r.toInt(0, 3)), *primary))
            pass(&endpoint, what, QStringLiteral("%1 from %2").arg(r.text(0, 1), sender));
        else
            fail(&endpoint, what,
                 QStringLiteral("it streams from %1, not from the shard's primary %2")
                     .arg(sender, primary ? primary->label() : QStringLiteral("(none)")),
                 QStringLiteral("Register it with the shard whose primary is %1, or correct the primary's address")
                     .arg(sender));
    }

    void checkRights(const FleetEndpoint& primary, PgConnection& admin)
    {
        const QString apps = QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(m_roles.apps)).toJson(QJsonDocument::Compact));
        const QString& database = m_shard.spec.tenantDatabase;
        const PgResult r = admin.exec(
            SqlResource::text(QStringLiteral("fleetadmin/check_roles.sql")),
            {m_roles.owner, m_roles.admin, m_roles.support, apps, database,
             m_shard.spec.tenantOwner.isEmpty() ? QVariant() : QVariant(m_shard.spec.tenantOwner)});
        const Ddl ddl(admin);
        const QString owner = admin.quoteIdentifier(m_roles.owner);
        // A GRANT on the database by a role that may not make it "succeeds" with a warning: name
        // who may (its owner), for the fix and for prepare's refusal.
        const PgResult databaseOwner = admin.exec(SqlResource::text(QStringLiteral("fleetadmin/database_owner.sql")),
                                                  {database});
        const QString grantor = databaseOwner.rows() > 0 && !databaseOwner.toBool(0, 1)
                                    ? QStringLiteral("%1 (the owner of database %2) or a superuser")
                                          .arg(databaseOwner.text(0, 0), database)
                                    : QString();
        const QString tenants = m_shard.spec.tenantDatabase;
        QStringList missingApps;
        for (int row = 0; row < r.rows(); ++row) {
            if (r.text(row, 0) == QLatin1String("exists") && r.text(row, 2) == QLatin1String("app")
                && !r.toBool(row, 3))
                missingApps << r.text(row, 1);
        }
        for (int row = 0; row < r.rows(); ++row) {
            const QString fact = r.text(row, 0);
            const QString role = r.text(row, 1);
            const QString kind = r.text(row, 2);
            const bool holds = r.toBool(row, 3);
            const QString quoted = admin.quoteIdentifier(role);
            // Roles, databases and their rights are the cluster's: the fix runs where the admin is.
            auto check = [&](const QString& what, const QString& sql, const QString& fix = {}) {
                if (holds)
                    pass(&primary, what);
                else
                    fail(&primary, what, QStringLiteral("it does not"), fix.isEmpty() ? sql : fix, sql,
                         admin.database());
            };
            if (fact == QLatin1String("exists")) {
                const QString what = QStringLiteral("role %1 (%2) exists").arg(role, roleDuty(kind));
                if (kind == QLatin1String("owner"))
                    check(what, QStringLiteral("CREATE ROLE %1 NOLOGIN;").arg(quoted));
                else if (kind == QLatin1String("support"))
                    check(what, QStringLiteral("CREATE ROLE %1 LOGIN;").arg(quoted),
                          QStringLiteral("CREATE ROLE %1 LOGIN; then give it a password (ALTER ROLE %1 PASSWORD "
                                         "...) and its passfile line")
                              .arg(quoted));
                else if (kind == QLatin1String("app")) // never created by prepare: the application owns its role
                    add(&primary, what, holds, holds ? QString() : QStringLiteral("it does not"),
                        capitalized(m_roles.missingAppsFix(admin, m_shard.spec.name, missingApps)));
                else
                    pass(&primary, what);
            } else if (fact == QLatin1String("database_exists")) {
                // Not for prepare to make: a missing name is as often a slip as a wish.
                add(&primary, QStringLiteral("the tenant database %1 exists").arg(role), holds,
                    holds ? QString() : QStringLiteral("it does not"),
                    QStringLiteral("It holds the shard's schema and shared-table tenants. Name the database they "
                                   "are in (tenantctl shards edit %1 --database NAME); for a server whose tenants "
                                   "are databases, its maintenance database: --database postgres. Or create it: %2;")
                        .arg(m_shard.spec.name, ddl.createDatabase(database, m_roles.admin)));
            } else if (fact == QLatin1String("login")) {
                check(QStringLiteral("%1 may log in (support staff browse as it)").arg(role),
                      QStringLiteral("ALTER ROLE %1 LOGIN;").arg(quoted));
            } else if (fact == QLatin1String("createdb")) {
                check(QStringLiteral("%1 may create databases (database tenants)").arg(role),
                      QStringLiteral("ALTER ROLE %1 CREATEDB;").arg(quoted));
            } else if (fact == QLatin1String("set_role_owner")) {
                check(
                    QStringLiteral("%1 may SET ROLE %2 (to create and change tenant objects)").arg(role, m_roles.owner),
                    QStringLiteral("GRANT %1 TO %2;").arg(owner, quoted));
            } else if (fact == QLatin1String("set_role_tenant_owner")) {
                const QString app = m_shard.spec.tenantOwner;
                check(QStringLiteral("%1 may SET ROLE %2 (new tenants are owned by that application role)")
                          .arg(role, app),
                      QStringLiteral("GRANT %1 TO %2;").arg(admin.quoteIdentifier(app), quoted));
            } else if (fact == QLatin1String("pg_monitor")) {
                check(QStringLiteral("%1 may read the statistics views (load, replica lag)").arg(role),
                      QStringLiteral("GRANT pg_monitor TO %1;").arg(quoted));
            } else if (fact == QLatin1String("database_create") && database == FallbackDatabase) {
                // The maintenance database: the shard's tenants are databases, no schema is made here.
                pass(&primary, QStringLiteral("%1 needs no CREATE on %2").arg(role, tenants),
                     QStringLiteral("the maintenance database: the shard takes database tenants"));
            } else if (fact == QLatin1String("database_create") || fact == QLatin1String("database_connect")) {
                const bool create = fact == QLatin1String("database_create");
                const QString sql = ddl.grant(create ? "CREATE" : "CONNECT", Ddl::On::Database, database, role) + u';';
                check(create ? QStringLiteral("%1 may create schemas in %2 (schema tenants)").arg(role, tenants)
                             : QStringLiteral("%1 may connect to %2").arg(role, tenants),
                      sql, grantor.isEmpty() ? QString() : QStringLiteral("As %1: %2").arg(grantor, sql));
                if (!holds)
                    m_report.items.last().runBy = grantor;
            }
        }
    }

    template <typename Fn>
    void checkReach(const FleetEndpoint& primary, Fn&& items)
    {
        try {
            m_report.items += items();
        } catch (const PgError& e) {
            fail(&primary, QStringLiteral("the admin and support roles reach the shard's tenants"),
                 e.message().trimmed(), QStringLiteral("Fix what the checks above report, then check again"));
        }
    }

    static QString capitalized(QString text)
    {
        if (!text.isEmpty())
            text[0] = text[0].toUpper();
        return text;
    }

    static QString roleDuty(const QString& kind)
    {
        if (kind == QLatin1String("owner"))
            return QStringLiteral("owns tenant objects; nobody logs in as it");
        if (kind == QLatin1String("admin"))
            return QStringLiteral("TenantDesk logs in as it");
        if (kind == QLatin1String("support"))
            return QStringLiteral("support staff log in as it");
        return QStringLiteral("an application role of this shard; suspension locks it out");
    }

    void checkSupport(const FleetEndpoint& endpoint, bool adminIn)
    {
        const QString& support = m_roles.support;
        const QString& database = m_shard.spec.tenantDatabase;
        const QString path = PasswordFile::pathFor(m_checker.m_catalog.value("passfile"));
        const QString line = passfileLine(endpoint.spec.host, endpoint.spec.port, support);
        const QString entry = QStringLiteral("the passfile has %1's password for this endpoint").arg(support);
        if (PasswordFile::covers(path, endpoint.spec.host, endpoint.spec.port, database, support))
            pass(&endpoint, entry, path);
        else
            fail(&endpoint, entry, QStringLiteral("%1 has no line for it").arg(path),
                 QStringLiteral("Add to %1: %2").arg(path, line));

        const QString what = QStringLiteral("%1 (support staff's role) logs in").arg(support);
        if (!adminIn) {
            fail(&endpoint, what, QStringLiteral("not tried: the admin role could not log in"),
                 QStringLiteral("Fix the admin role's login first"));
            return;
        }
        try {
            PgConnection connection;
            connection.open(m_checker.loginParams(endpoint, database, support));
            pass(&endpoint, what, QStringLiteral("into database %1").arg(database));
        } catch (const PgError& e) {
            fail(
                &endpoint, what, e.message().trimmed(),
                QStringLiteral("Let %1 in from this machine (pg_hba.conf) and add to %2: %3").arg(support, path, line));
        }
    }

    const ShardChecker& m_checker;
    const FleetShard& m_shard;
    const FleetRoles m_roles; // with the shard's own application roles
    const ShardTenantObjects& m_tenants;
    ShardCheckReport m_report;
};

ShardCheckReport ShardChecker::check(const FleetShard& shard, const FleetRoles& roles,
                                     const ShardTenantObjects& tenants) const
{
    return Run(*this, shard, roles, tenants).run();
}

ShardCheckReport ShardChecker::check(PgConnection& catalog, const QString& shard) const
{
    const FleetShard found = FleetListing::shard(catalog, shard);
    return check(found, FleetRoles::load(catalog), ShardTenantObjects::load(catalog, found.id));
}

ConnectionParams ShardChecker::loginParams(const FleetEndpoint& endpoint, const QString& database,
                                           const QString& user) const
{
    ConnectionParams params = m_catalog.withEndpoint(endpoint.spec.host, endpoint.spec.port, database);
    if (user != params.value("user"))
        params.remove("password"); // a password given for the catalog's login is not this role's
    params.set("user", user);
    params.set("connect_timeout", QString::number(EndpointTimeoutSeconds));
    params.remove("options");
    if (endpoint.spec.pooling == QLatin1String("none"))
        params.set("options", QStringLiteral("-c statement_timeout=%1").arg(EndpointTimeoutSeconds * 1000));
    return params;
}
