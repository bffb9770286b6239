#pragma once

#include "catalog/ShardTarget.h"
#include "catalog/TenantEnums.h"
#include "provision/ShardConnections.h"
#include "templates/TemplateStructure.h"

#include <QDateTime>
#include <QStringList>

// Runs template DDL where it harms nothing, to see that it runs and what it makes: on a shard's
// primary, as the fleet's owner role, where provisioning would run it for a new tenant, but in a
// place of a fresh random name that nobody else uses and that never outlives the call:
// - schema templates: a schema created inside a transaction that is always rolled back (CREATE
//   SCHEMA fails rather than touch an existing one);
// - database and shared templates: a database created for it (from template1, owned by the owner
//   role, as provisioning builds a template database) and dropped after, its sessions ended (one a
//   silent server kept is dropped by a later run: the time it was made is in its name); the
//   DDL runs there with search_path on public (database) or on the shared schema, which a shared
//   template's DDL may create, as on a shard that has no shared tables yet.
// Scripts that would end that transaction (BEGIN, COMMIT, ROLLBACK, ...) are refused before
// anything is sent: they would also end provisioning's.
class TemplateScratch {
public:
    // The DDL runs as shards.roles().owner, the role tenant objects belong to: the fleet's roles
    // as the caller loaded them with its ShardConnections, not read again here.
    TemplateScratch(ShardConnections& shards, ShardTarget shard);

    // Runs scripts one after the other (a version's DDL; or the one before it, then a delta) and
    // describes what they made. Throws PgError with the server's message when one does not run
    // (InputError when a script holds transaction control).
    TemplateStructure materialize(IsolationModel model, const QStringList& scripts);

    const ShardTarget& shard() const { return m_shard; }

    // Throws InputError when script holds a statement that begins or ends a transaction.
    static void checkNoTransactionControl(const QString& script);

    // A scratch database older than this was left by a run whose server stopped answering.
    static constexpr qint64 StaleSeconds = 3600;
    // Drops the scratch databases on admin's server made StaleSeconds before now or earlier and
    // used by nobody (a run's inDatabase() sweeps before it makes its own); returns how many.
    static int sweepStale(PgConnection& admin, const QDateTime& now);

private:
    TemplateStructure inSchema(const QStringList& scripts);
    TemplateStructure inDatabase(const QStringList& scripts, const QString& searchPath);
    // Runs each script with search_path on schema; throws when one ended the transaction.
    void runScripts(PgConnection& c, const QString& schema, const QStringList& scripts);

    ShardConnections& m_shards;
    ShardTarget m_shard;
    QString m_owner; // shards.roles().owner
};
