#include "templates/TemplateStructure.h"

#include "browse/TenantObjectsLoader.h"
#include "catalog/TenantNames.h"
#include "pg/SqlResource.h"

TemplateStructure TemplateStructure::load(PgConnection& c, const QString& schema)
{
    TemplateStructure structure;
    const bool wholeDatabase = schema.isEmpty();
    auto qualified = [wholeDatabase](const QString& objectSchema, const QString& name) {
        return wholeDatabase && objectSchema != QLatin1String("public") ? objectSchema + u'.' + name : name;
    };
    for (const TenantObject& o : TenantObjectsLoader::load(c, schema)) {
        if (wholeDatabase && o.schema == TenantNames::shardSchema())
            continue;
        const QString kind = TenantObject::kindName(o.kind);
        const QString name = qualified(o.schema, o.name);
        structure.add(kind, name + o.signature, QString());
        for (const TenantObject::Part& part : o.parts)
            structure.add(TenantObject::sectionName(part.section), name + u'.' + part.name, part.definition,
                          key(kind, name + o.signature));
    }
    const PgResult types = c.exec(SqlResource::text(QStringLiteral("templates/types.sql")),
                                  {wholeDatabase ? QVariant() : QVariant(schema), TenantNames::shardSchema()});
    for (int row = 0; row < types.rows(); ++row)
        structure.add(types.text(row, 2), qualified(types.text(row, 0), types.text(row, 1)), types.text(row, 3));
    return structure;
}

void TemplateStructure::add(const QString& kind, const QString& name, const QString& definition, const QString& owner)
{
    m_entries.insert(key(kind, name), {kind, name, definition, owner});
}

QList<TemplateChange> TemplateStructure::changesTo(const TemplateStructure& other) const
{
    QList<TemplateChange> changes;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        const Entry& e = it.value();
        const auto there = other.m_entries.constFind(it.key());
        if (there == other.m_entries.cend()) {
            if (e.owner.isEmpty() || other.m_entries.contains(e.owner))
                changes.append({TemplateChange::Change::Removed, e.kind, e.name, e.definition, {}});
        } else if (there->definition != e.definition) {
            changes.append({TemplateChange::Change::Changed, e.kind, e.name, e.definition, there->definition});
        }
    }
    for (auto it = other.m_entries.cbegin(); it != other.m_entries.cend(); ++it) {
        const Entry& e = it.value();
        if (!m_entries.contains(it.key()) && (e.owner.isEmpty() || m_entries.contains(e.owner)))
            changes.append({TemplateChange::Change::Added, e.kind, e.name, {}, e.definition});
    }
    return changes;
}
