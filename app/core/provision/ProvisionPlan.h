#pragma once

#include "catalog/CatalogDomain.h"
#include "catalog/ShardTarget.h"
#include "pg/PgConnection.h"
#include "provision/ProvisionStep.h"
#include "provision/TenantSpec.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// Everything TenantProvisioner::plan() resolved about a new tenant (shard, names, key,
// template version) and the statements that create it, step by step. TenantProvisioner::run()
// executes exactly these statements, and statements() shows them, so the preview an admin
// approves is what runs. A plain value: it crosses threads.
struct ProvisionPlan {
    struct Statement {
        QString sql;
        PgParams params; // none: sent as a script (it may hold several statements)
        // When not empty, the statement must return a row; this is the error when it does not.
        QString noRowError = {};
    };
    // Statements on one connection: the catalog, or a database on the shard's primary.
    struct Unit {
        QString database;        // empty: the catalog
        bool transaction = true; // BEGIN ... COMMIT around the statements
        bool closeAfter = false; // close our session on database afterwards (it is copied or renamed next)
        QList<Statement> statements;
    };
    struct Step {
        ProvisionStep step = ProvisionStep::Claim;
        QString summary; // one line for the preview and the progress page
        // For work done once per shard: a session advisory lock (hashtext of lockKey) held on the
        // first unit's connection for the step (see stepLock()), then a query there that returns
        // true when the work is done already.
        QString lockKey;
        std::optional<Statement> skipWhen;
        QList<Unit> units;
        // What removes the step's work when a later step fails (or the step itself, when the
        // connection failed in it): idempotent, run newest first.
        QList<Unit> undo;
        // Read back after the answer to the step's COMMIT was lost (PgError::UnknownOutcome), on
        // the first unit's connection: true in the first column when the step's work is there;
        // a second column, when present, is the tenant's id.
        std::optional<Statement> doneWhen = std::nullopt;
    };

    TenantSpec spec; // normalized, with the shard and version it resolved to
    ShardTarget shard;
    QList<CatalogDomain> domains;
    QString schemaName;               // schema model
    QString databaseName;             // database model
    QString tenantKey;                // shared model
    QString templateDatabase;         // database model
    bool retriesFailedTenant = false; // a failed tenant of that slug is replaced
    QString lockKey;                  // of the session advisory lock on the catalog, held for the whole run
    QString claimToken;               // in the claim's audit row: tells this run's claim from any other
    QList<Step> steps;

    // Where a step's session lock is taken: on the shard, or on the catalog when the shard's
    // primary pools transactions (a session lock there would stay on whichever server connection
    // took it), under a key that names the shard.
    struct StepLock {
        bool onCatalog = false;
        QString key;
    };
    StepLock stepLock(const Step& step) const;

    // The whole plan as SQL with comments: where each part runs, in which transaction, its
    // parameter values, when it is skipped and what undoes it.
    QStringList statements() const;
};
