#include "browse/TenantObjectsLoader.h"

#include "pg/SqlResource.h"

#include <QHash>

static TenantObject::Kind kindOf(QByteArrayView kind)
{
    if (kind == "r")
        return TenantObject::Kind::Table;
    if (kind == "p")
        return TenantObject::Kind::PartitionedTable;
    if (kind == "v")
        return TenantObject::Kind::View;
    if (kind == "m")
        return TenantObject::Kind::MaterializedView;
    if (kind == "f")
        return TenantObject::Kind::ForeignTable;
    if (kind == "S")
        return TenantObject::Kind::Sequence;
    if (kind == "procedure")
        return TenantObject::Kind::Procedure;
    return TenantObject::Kind::Function;
}

QList<TenantObject> TenantObjectsLoader::load(PgConnection& c, const QString& schema)
{
    const QVariant schemaParam = schema.isEmpty() ? QVariant() : QVariant(schema);
    const PgResult objects = c.exec(SqlResource::text("browse/objects.sql"), {schemaParam});
    QList<TenantObject> result;
    result.reserve(objects.rows());
    QHash<quint32, qsizetype> relations;
    for (int row = 0; row < objects.rows(); ++row) {
        TenantObject o;
        o.oid = quint32(objects.toInt(row, 0));
        o.kind = kindOf(objects.bytes(row, 1));
        o.schema = objects.text(row, 2);
        o.name = objects.text(row, 3);
        o.signature = objects.text(row, 4);
        o.estimatedRows = objects.toDouble(row, 5, -1);
        o.totalBytes = objects.toInt(row, 6, -1);
        o.rowSecurity = objects.toBool(row, 7);
        o.forceRowSecurity = objects.toBool(row, 8);
        if (o.kind != TenantObject::Kind::Function && o.kind != TenantObject::Kind::Procedure)
            relations.insert(o.oid, result.size());
        result.append(std::move(o));
    }
    const PgResult parts = c.exec(SqlResource::text("browse/object_details.sql"), {schemaParam});
    for (int row = 0; row < parts.rows(); ++row) {
        const auto it = relations.constFind(quint32(parts.toInt(row, 0)));
        if (it == relations.constEnd())
            continue; // an extension's relation
        result[*it].parts.append({TenantObject::Section(parts.toInt(row, 1)), parts.text(row, 2), parts.text(row, 3)});
    }
    return result;
}

QList<TenantObject> TenantObjectsLoader::load(PgConnection& c, const TenantScope& scope)
{
    QList<TenantObject> objects = load(c, scope.schema());
    QList<RelationRef> relations;
    for (const TenantObject& o : objects) {
        if (o.isBrowsable())
            relations << RelationRef{o.oid, o.schema, o.name};
    }
    const QHash<quint32, QString> refused = scope.refusals(c, relations);
    for (TenantObject& o : objects) {
        if (o.isBrowsable())
            o.refusal = refused.value(o.oid);
    }
    return objects;
}
