#pragma once

#include "pg/PgConnection.h"
#include "provision/ShardConnections.h"
#include "templates/TemplateChange.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

// What differs between two versions of a template. Both are materialised in scratch places on a
// shard (TemplateScratch: nothing is left behind) and compared object by object
// (TemplateStructure); when that cannot be done (a version's DDL no longer runs there, or no
// shard is reachable), the DDL texts are compared line by line instead, and why is said.
class TemplateDiff {
public:
    struct Result {
        QString name;
        IsolationModel model = IsolationModel::Schema;
        int from = 0;
        int to = 0;
        QString shard;           // where they were materialised; empty for a text diff
        bool structural = false; // changes holds the answer; else textDiff does
        QList<TemplateChange> changes;
        QStringList textDiff; // unified diff of the two DDLs
        QString whyText;      // why the structure could not be compared

        // A heading, then one line per change (or the text diff), as tenantctl and the window show it.
        QStringList lines() const;
        QJsonObject toJson() const;
    };

    TemplateDiff(PgConnection& catalog, ShardConnections& shards);

    // model: nullopt when name has only one. shardName: empty for the shard with most headroom.
    // Throws InputError when a version is not there, or name has several models and none is given.
    Result compare(const QString& name, std::optional<IsolationModel> model, int from, int to,
                   const QString& shardName = {});

private:
    IsolationModel modelOf(const QString& name, std::optional<IsolationModel> model);

    PgConnection& m_catalog;
    ShardConnections& m_shards;
};
