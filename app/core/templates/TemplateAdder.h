#pragma once

#include "catalog/ShardTarget.h"
#include "pg/PgConnection.h"
#include "provision/ShardConnections.h"
#include "templates/TemplateDraft.h"
#include "templates/TemplateStructure.h"

#include <QStringList>

// Adds a template version to the catalog once it has shown that it works: its DDL is run in a
// scratch place on a shard (TemplateScratch), and an upgrade delta is run on the version before
// it there and must make what the new version's DDL makes. A DDL that does not run is refused
// with the server's message, and nothing is stored. Blocking functions of a catalog connection,
// on the thread that owns it and the shard connections.
class TemplateAdder {
public:
    struct Added {
        TemplateDraft draft;   // with its version
        QString shard;         // where it was tried
        qsizetype objects = 0; // columns, indexes and the like counted one by one
        TemplateStructure structure;

        // "Added store v2 (schema): it ran on shard-1 and made 52 objects and parts; ...".
        QString summary(const QString& verb = QStringLiteral("Added")) const;
    };

    TemplateAdder(PgConnection& catalog, ShardConnections& shards);

    // The shard called name, or, when name is empty, the active one with the most headroom.
    ShardTarget shard(const QString& name);
    // Checks draft (name, description, version free, delta's version before there), tries it on
    // shard, then stores it with its audit row. Throws PgError; nothing is stored then.
    Added add(TemplateDraft draft, const ShardTarget& shard);

private:
    void checkInput(TemplateDraft& draft);

    PgConnection& m_catalog;
    ShardConnections& m_shards;
};
