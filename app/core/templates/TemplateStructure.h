#pragma once

#include "pg/PgConnection.h"
#include "templates/TemplateChange.h"

#include <QList>
#include <QMap>
#include <QString>

// What a template version (or a tenant) is made of, object by object, as pg_catalog describes
// it: relations, sequences and functions with their columns, indexes, constraints, triggers,
// policies and view definitions (TenantObjectsLoader, the same description TemplateDrift
// compares), and enums, domains, composite types and ranges. Definitions never name the schema
// they are in, so two scratch schemas, or a template and a tenant, compare equal when they hold
// the same things.
class TemplateStructure {
public:
    // The objects of schema, or, with an empty schema, of every schema of the database but the
    // system ones and TenantDesk's records (a tenant database); there, objects outside public
    // are named with their schema.
    static TemplateStructure load(PgConnection& c, const QString& schema);

    qsizetype size() const { return m_entries.size(); }
    // What changed from this to other. The parts of an object that was added or removed are not
    // listed again, one by one.
    QList<TemplateChange> changesTo(const TemplateStructure& other) const;

private:
    struct Entry {
        QString kind;
        QString name;
        QString definition;
        QString owner; // for a part: the key of its object
    };
    static QString key(const QString& kind, const QString& name) { return kind + u'\t' + name; }
    void add(const QString& kind, const QString& name, const QString& definition, const QString& owner = {});

    QMap<QString, Entry> m_entries; // by key(): sorted by kind, then name
};
