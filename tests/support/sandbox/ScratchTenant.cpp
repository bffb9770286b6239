#include "ScratchTenant.h"

#include "TestFleet.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>
#include <QUuid>

ScratchTenant::ScratchTenant(IsolationModel model, const QString& purpose)
    : m_model(model)
    , m_slug(QStringLiteral("tdtest-%1-%2")
                 .arg(purpose)
                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')))
{
    const QString underscored = QString(m_slug).replace(u'-', u'_');
    PgConnection shard;
    shard.open(TestFleet::shardParams(1).withSafeDefaults());
    switch (model) {
    case IsolationModel::Schema:
        m_schema = underscored;
        m_database = QStringLiteral("tenants");
        shard.execScript(
            QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION tenantdesk_owner").arg(shard.quoteIdentifier(m_schema)));
        break;
    case IsolationModel::Database:
        m_schema = QStringLiteral("public");
        m_database = QStringLiteral("tenant_") + underscored;
        shard.execScript(
            QStringLiteral("CREATE DATABASE %1 OWNER tenantdesk_owner").arg(shard.quoteIdentifier(m_database)));
        break;
    case IsolationModel::Shared:
        m_schema = QStringLiteral("shared");
        m_database = QStringLiteral("tenants");
        m_key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        break;
    }
    PgConnection catalog;
    catalog.open(TestFleet::catalogParams().withSafeDefaults());
    catalog.transaction([&] {
        const PgResult tenant = catalog.exec(
            QStringLiteral(
                "INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, schema_name, "
                "database_name, tenant_key, state) "
                "SELECT $1, $2, $3, s.id, $4, $5, $6::uuid, 'active' FROM tenantdesk.shards s WHERE s.name = 'shard-1' "
                "RETURNING id"),
            {m_slug, QString(QStringLiteral("Test tenant ") + m_slug), toString(model),
             model == IsolationModel::Schema ? QVariant(m_schema) : QVariant(),
             model == IsolationModel::Database ? QVariant(m_database) : QVariant(),
             model == IsolationModel::Shared ? QVariant(m_key) : QVariant()});
        catalog.exec(QStringLiteral("INSERT INTO tenantdesk.domains (tenant_id, host) VALUES ($1, $2)"),
                     {tenant.toInt(0, 0), domain()});
    });
}

ScratchTenant::~ScratchTenant()
{
    try {
        if (!m_whenGone.isEmpty())
            run(m_whenGone);
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        catalog.exec(QStringLiteral("DELETE FROM tenantdesk.tenants WHERE slug = $1"), {m_slug});
        PgConnection shard;
        shard.open(TestFleet::shardParams(1).withSafeDefaults());
        switch (m_model) {
        case IsolationModel::Schema:
            shard.execScript(
                QStringLiteral("SET client_min_messages = warning; SET ROLE tenantdesk_owner; DROP SCHEMA %1 CASCADE")
                    .arg(shard.quoteIdentifier(m_schema)));
            break;
        case IsolationModel::Database:
            shard.execScript(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(shard.quoteIdentifier(m_database)));
            break;
        case IsolationModel::Shared:
            run(QStringLiteral("DELETE FROM shared.order_lines; DELETE FROM shared.orders; DELETE FROM shared.items; "
                               "DELETE FROM shared.customers"));
            break;
        }
    } catch (const PgError& e) {
        qWarning("could not remove the scratch tenant %s: %s", qPrintable(m_slug), e.what());
    }
}

ConnectionParams ScratchTenant::ownerParams() const
{
    return TestFleet::shardParams(1, SandboxRoles::admin, m_database).withSafeDefaults();
}

void ScratchTenant::run(const QString& sql) const
{
    PgConnection c;
    c.open(ownerParams());
    c.transaction([&] {
        c.execScript(QStringLiteral("SET LOCAL ROLE tenantdesk_owner"));
        c.exec(QStringLiteral("SELECT pg_catalog.set_config('search_path', $1, true)"), {c.quoteIdentifier(m_schema)});
        if (!m_key.isEmpty())
            c.exec(QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', $1, true)"), {m_key});
        c.execScript(sql);
        if (m_model != IsolationModel::Shared)
            c.execScript(QStringLiteral("GRANT USAGE ON SCHEMA %1 TO tenantdesk_support; "
                                        "GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO tenantdesk_support")
                             .arg(c.quoteIdentifier(m_schema)));
    });
}

void ScratchTenant::waitForReplica()
{
    PgConnection primary;
    primary.open(TestFleet::shardParams(1).withSafeDefaults());
    const QString lsn = primary.exec(QStringLiteral("SELECT pg_catalog.pg_current_wal_insert_lsn()::text")).text(0, 0);
    PgConnection replica;
    replica.open(TestFleet::replicaParams().withSafeDefaults());
    QElapsedTimer timer;
    timer.start();
    while (
        !replica.exec(QStringLiteral("SELECT pg_catalog.pg_last_wal_replay_lsn() >= $1::pg_lsn"), {lsn}).toBool(0, 0)) {
        if (timer.elapsed() > 30000)
            throw PgError(PgError::Kind::Timeout, QStringLiteral("the replica did not catch up within 30 s"));
        QThread::msleep(20);
    }
}
