#include "templates/TemplateScratch.h"

#include "base/InputError.h"
#include "catalog/TenantNames.h"
#include "pg/Ddl.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"
#include "templates/SqlStatements.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace {

// The time it was made is in the name: one a server that stopped answering kept from being
// dropped is found, and dropped, by a later run (sweepStale()).
QString freshName()
{
    return QStringLiteral("tenantdesk_scratch_%1_%2")
        .arg(QDateTime::currentSecsSinceEpoch(), 0, 16)
        .arg(uint(QRandomGenerator::global()->generate()), 8, 16, QLatin1Char('0'));
}

void rollbackQuietly(PgConnection& c)
{
    try {
        if (c.isOpen())
            c.execScript(QStringLiteral("ROLLBACK"));
    } catch (const PgError&) {
        // The connection is gone: so is the transaction.
    }
}

} // namespace

TemplateScratch::TemplateScratch(ShardConnections& shards, ShardTarget shard)
    : m_shards(shards)
    , m_shard(std::move(shard))
    , m_owner(shards.roles(m_shard).owner)
{
}

void TemplateScratch::checkNoTransactionControl(const QString& script)
{
    static const QRegularExpression control(
        QStringLiteral("^(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|PREPARE\\s+TRANSACTION)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    for (const QString& statement : SqlStatements::split(script)) {
        if (control.match(statement).hasMatch())
            throw InputError(
                QStringLiteral("The DDL holds \"%1\": template DDL runs inside the transaction that creates a "
                               "tenant, and must not begin or end transactions. Remove it.")
                    .arg(statement.left(60)));
    }
}

TemplateStructure TemplateScratch::materialize(IsolationModel model, const QStringList& scripts)
{
    for (const QString& script : scripts)
        checkNoTransactionControl(script);
    switch (model) {
    case IsolationModel::Schema:
        return inSchema(scripts);
    case IsolationModel::Database:
        return inDatabase(scripts, QStringLiteral("public"));
    case IsolationModel::Shared:
        // Provisioning runs it once per shard, before the shared schema exists (its DDL may
        // create it): a fresh database is the only place where that is so.
        return inDatabase(scripts, TenantNames::sharedSchema());
    }
    return {};
}

void TemplateScratch::runScripts(PgConnection& c, const QString& schema, const QStringList& scripts)
{
    for (const QString& script : scripts) {
        c.execScript(LocalSettings::searchPath(c, {schema}));
        c.execScript(script);
        // A COMMIT hidden where the check above cannot see it (a procedure called) would have
        // made the rest of the script run outside: say so rather than describe it.
        if (!c.inTransaction())
            throw InputError(QStringLiteral("The DDL ended the transaction it ran in: template DDL must "
                                            "not commit or roll back."));
    }
    LocalSettings::pinSearchPath(c);
}

TemplateStructure TemplateScratch::inSchema(const QStringList& scripts)
{
    PgConnection& c = m_shards.to(m_shard, m_shard.tenantDatabase);
    const QString scratch = freshName();
    c.execScript(QStringLiteral("BEGIN"));
    try {
        LocalSettings::pinSearchPath(c);
        c.execScript(Ddl(c).createSchema(scratch, m_owner));
        c.execScript(LocalSettings::role(c, m_owner));
        runScripts(c, scratch, scripts);
        TemplateStructure structure = TemplateStructure::load(c, scratch);
        c.execScript(QStringLiteral("ROLLBACK"));
        return structure;
    } catch (...) {
        if (c.isOpen() && !c.inTransaction()) {
            // The DDL committed: the schema of our fresh name is ours to drop.
            try {
                c.execScript(Ddl(c).dropSchema(scratch));
            } catch (const PgError&) {
            }
        }
        rollbackQuietly(c);
        throw;
    }
}

int TemplateScratch::sweepStale(PgConnection& admin, const QDateTime& now)
{
    static const QRegularExpression made(QStringLiteral("^tenantdesk_scratch_([0-9a-f]+)_[0-9a-f]{8}$"));
    const PgResult r = admin.exec(SqlResource::text("templates/scratch_databases.sql"));
    int dropped = 0;
    for (int row = 0; row < r.rows(); ++row) {
        const QString name = r.text(row, 0);
        bool ok = false;
        const qint64 madeAt = made.match(name).captured(1).toLongLong(&ok, 16);
        if (!ok || now.toSecsSinceEpoch() - madeAt < StaleSeconds)
            continue;
        try {
            // Without FORCE: one still in use is not stale after all.
            admin.execScript(Ddl(admin).dropDatabase(name));
            ++dropped;
        } catch (const PgError&) {
        }
    }
    return dropped;
}

TemplateStructure TemplateScratch::inDatabase(const QStringList& scripts, const QString& searchPath)
{
    PgConnection& admin = m_shards.to(m_shard, m_shard.tenantDatabase);
    sweepStale(admin, QDateTime::currentDateTimeUtc());
    const QString scratch = freshName();
    admin.execScript(Ddl(admin).createDatabase(scratch, m_owner));
    auto drop = [&] {
        m_shards.close(m_shard, scratch);
        PgConnection& again = m_shards.to(m_shard, m_shard.tenantDatabase);
        // FORCE: the backend of the session just closed may not have gone yet.
        again.execScript(Ddl(again).dropDatabase(scratch) + QStringLiteral(" WITH (FORCE)"));
    };
    try {
        PgConnection& c = m_shards.to(m_shard, scratch);
        c.execScript(QStringLiteral("BEGIN"));
        try {
            // template1's copy may hold extension objects the owner cannot see; their notices are not news.
            LocalSettings::pinSearchPath(c);
            c.execScript(QStringLiteral("SET LOCAL client_min_messages = error"));
            c.execScript(LocalSettings::role(c, m_owner));
            runScripts(c, searchPath, scripts);
            TemplateStructure structure = TemplateStructure::load(c, {});
            c.execScript(QStringLiteral("ROLLBACK"));
            drop();
            return structure;
        } catch (...) {
            rollbackQuietly(c);
            throw;
        }
    } catch (...) {
        try {
            drop();
        } catch (const PgError&) {
            // A silent server: left, and dropped by a later run's sweepStale(); the first error is the
            // one to report.
        }
        throw;
    }
}
