#include "RelationReach.h"

#include "SqlResource.h"

namespace {

// Columns of browse/relation_reach.sql.
enum Column {
    Root,
    What,
    Schema,
    Name,
    Kind,
    SecurityDefiner,
    Volatility,
    Language,
    Followed,
    Configured,
    RunsSqlText
};

QString relationProblem(const PgResult& r, int row, const std::function<bool(const QString&)>& isOwnSchema)
{
    const QString name = r.text(row, Schema) + u'.' + r.text(row, Name);
    const QString kind = r.text(row, Kind);
    if (kind == QLatin1String("c"))
        return {}; // a composite type: no rows
    if (kind == QLatin1String("f"))
        return QStringLiteral("it reads foreign table %1, whose rows come from elsewhere").arg(name);
    if (!isOwnSchema(r.text(row, Schema)))
        return QStringLiteral("it reads %1, which is not this tenant's").arg(name);
    return {};
}

QStringList functionProblems(const PgResult& r, int row)
{
    const QString name = r.text(row, Name);
    QStringList problems;
    if (r.toBool(row, RunsSqlText))
        problems << QStringLiteral("it calls %1, which reads relations named in text").arg(name);
    if (r.toBool(row, SecurityDefiner))
        problems
            << QStringLiteral("it calls %1, which runs with its owner's rights (SECURITY DEFINER)").arg(name);
    if (r.text(row, Volatility) == QLatin1String("v") && r.text(row, Kind) != QLatin1String("a"))
        problems << QStringLiteral("it calls volatile function %1, which a support session does not run")
                        .arg(name);
    if (r.toBool(row, Configured))
        problems
            << QStringLiteral("it calls %1, which changes settings while it runs (SET clause)").arg(name);
    const bool builtIn = r.text(row, Schema) == QLatin1String("pg_catalog");
    if (!builtIn && !r.toBool(row, Followed))
        problems << QStringLiteral(
                        "it calls %1, a %2 function whose body cannot be checked (only built-in functions "
                        "and SQL functions written with BEGIN ATOMIC can)")
                        .arg(name, r.text(row, Language));
    return problems;
}

} // namespace

QHash<quint32, QStringList>
RelationReach::problems(PgConnection& c, const QList<quint32>& relations,
                        const std::function<bool(const QString& schema)>& isOwnSchema)
{
    QHash<quint32, QStringList> found;
    if (relations.isEmpty())
        return found;
    QStringList oids;
    for (quint32 oid : relations)
        oids << QString::number(oid);
    const PgResult r = c.exec(SqlResource::text(QStringLiteral("browse/relation_reach.sql")),
                              {QString(u'{' + oids.join(u',') + u'}')});
    for (int row = 0; row < r.rows(); ++row) {
        QStringList problems;
        if (r.text(row, What) == QLatin1String("relation")) {
            const QString problem = relationProblem(r, row, isOwnSchema);
            if (!problem.isEmpty())
                problems << problem;
        } else {
            problems = functionProblems(r, row);
        }
        if (problems.isEmpty())
            continue;
        QStringList& list = found[quint32(r.toInt(row, Root))];
        for (const QString& p : problems) {
            if (!list.contains(p))
                list << p;
        }
    }
    return found;
}
