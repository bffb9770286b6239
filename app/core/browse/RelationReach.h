#pragma once

#include "pg/PgConnection.h"

#include <QHash>
#include <QList>
#include <QString>
#include <functional>

// A relation as the tenant view lists it and the browse path loads it: oid, schema, name.
struct RelationRef {
    quint32 oid = 0;
    QString schema;
    QString name;

    QString displayName() const { return schema + u'.' + name; }
};

// Judges, from pg_catalog alone and without running anything, what reading a relation would make
// the server read or run (browse/relation_reach.sql: a view's query, inheritance children and
// partitions, the row-level security policies that apply to the browsing role, SQL-standard
// function bodies, operators, domains). Reading it is refused when anything reached is
//  - a relation outside the tenant (isOwnSchema says which schemas are its own) or a foreign table;
//  - a function that runs with its owner's rights (SECURITY DEFINER), is volatile (pg_sleep,
//    set_config, random, ...), changes settings while it runs (a SET clause), reads relations
//    named in text (query_to_xml, ...), or has a body that cannot be followed: only built-in
//    functions and SQL functions written with BEGIN ATOMIC (their dependencies are recorded) are.
// Views, functions and policies written by a tenant's owner are untrusted input.
class RelationReach {
public:
    // Why each of relations must not be read, one phrase per problem; absent when it may be.
    // One query however many relations (browse/relation_kinds.sql), and a second one for those
    // that are not plain tables (views, tables with children or row-level security).
    static QHash<quint32, QStringList> problems(PgConnection& c, const QList<quint32>& relations,
                                                const std::function<bool(const QString& schema)>& isOwnSchema);
};
