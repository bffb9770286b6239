#include "browse/BrowseTableLoader.h"

#include "base/InputError.h"
#include "pg/SqlResource.h"

#include <algorithm>

static QList<int> attnumsFromArrayText(QStringView text)
{
    QList<int> attnums;
    for (QStringView part : text.mid(1, text.size() - 2).split(u','))
        attnums << part.toInt();
    return attnums;
}

BrowseTable BrowseTableLoader::load(PgConnection& c, const TenantScope& scope, quint32 relation)
{
    const PgResult rel = c.exec(SqlResource::text("browse/relation.sql"), {relation});
    if (rel.rows() == 0)
        throw InputError(QStringLiteral("The table or view no longer exists."));
    BrowseTable table;
    table.oid = relation;
    table.schema = rel.text(0, 0);
    table.name = rel.text(0, 1);
    table.relkind = rel.bytes(0, 2).front();
    table.estimatedRows = rel.toDouble(0, 3, -1);
    scope.checkRelation(c, relation, table.schema, table.name);

    const PgResult cols = c.exec(SqlResource::text("browse/columns.sql"), {relation});
    for (int row = 0; row < cols.rows(); ++row) {
        BrowseColumn column;
        column.name = cols.text(row, 0);
        column.attnum = int(cols.toInt(row, 1));
        column.displayType = cols.text(row, 2);
        column.typeSchema = cols.text(row, 3);
        column.notNull = cols.toBool(row, 4);
        column.category = cols.bytes(row, 5).front();
        column.orderable = cols.toBool(row, 6);
        column.typeName = cols.text(row, 7);
        column.isDomain = cols.toBool(row, 8);
        table.columns.append(column);
    }
    table.scopeFilters = scope.rowFilters(table);

    const PgResult key = c.exec(SqlResource::text("browse/row_key.sql"), {relation});
    QList<int> keyColumns;
    if (key.rows() > 0) {
        for (int attnum : attnumsFromArrayText(key.text(0, 2))) {
            for (int i = 0; i < table.columns.size(); ++i) {
                if (table.columns[i].attnum == attnum)
                    keyColumns << i;
            }
        }
    }
    // A key with a column that cannot be compared safely (see browse/columns.sql) is no key to page by.
    const bool comparable = std::all_of(keyColumns.cbegin(), keyColumns.cend(),
                                        [&](int i) { return table.columns[i].orderable; });
    if (keyColumns.isEmpty() || !comparable) {
        // A ctid names a row only within one table: a view has none, a parent's rows come from several.
        table.keyKind = table.isView() || rel.toBool(0, 4) ? BrowseTable::KeyKind::Position
                                                           : BrowseTable::KeyKind::RowLocation;
        return table;
    }
    table.keyName = key.text(0, 0);
    table.keyKind = key.toBool(0, 1) ? BrowseTable::KeyKind::Primary : BrowseTable::KeyKind::Unique;
    table.keyColumns = keyColumns;
    return table;
}

quint32 BrowseTableLoader::find(PgConnection& c, const TenantScope& scope, const QString& name)
{
    if (name.isEmpty())
        throw InputError(QStringLiteral("Name a table or view."));
    const QVariant schema = scope.schema().isEmpty() ? QVariant() : QVariant(scope.schema());
    const QString sql = SqlResource::text("browse/find_relation.sql");
    PgResult r = c.exec(sql, {schema, name});
    // Then schema.table, trying every dot: schema and table names may hold dots themselves.
    QString foreignSchema;
    for (qsizetype dot = name.indexOf(u'.'); r.rows() == 0 && dot > 0; dot = name.indexOf(u'.', dot + 1)) {
        const QString named = name.left(dot);
        if (scope.containsSchema(named))
            r = c.exec(sql, {named, name.mid(dot + 1)});
        else if (foreignSchema.isEmpty())
            foreignSchema = named;
    }
    if (r.rows() == 0 && !foreignSchema.isEmpty())
        throw InputError(QStringLiteral("Schema \"%1\" does not belong to this tenant.").arg(foreignSchema));
    if (r.rows() == 0)
        throw InputError(QStringLiteral("This tenant has no table or view named \"%1\".").arg(name));
    if (r.rows() > 1 && r.text(0, 1) != QLatin1String("public"))
        throw InputError(QStringLiteral("Several schemas have a table named \"%1\"; write schema.table.").arg(name));
    return quint32(r.toInt(0, 0));
}
