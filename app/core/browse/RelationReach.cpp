#include "browse/RelationReach.h"

#include "pg/SqlResource.h"

#include <QSet>

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
    RunsSqlText,
    CallsJsonCasts
};

QString oidArray(const QList<quint32>& oids)
{
    QStringList texts;
    for (quint32 oid : oids)
        texts << QString::number(oid);
    return u'{' + texts.join(u',') + u'}';
}

QString relationProblem(const QString& schema, const QString& relation, const QString& kind,
                        const std::function<bool(const QString&)>& isOwnSchema)
{
    const QString name = schema + u'.' + relation;
    if (kind == QLatin1String("c"))
        return {}; // a composite type: no rows
    if (kind == QLatin1String("f"))
        return QStringLiteral("it reads foreign table %1, whose rows come from elsewhere").arg(name);
    if (!isOwnSchema(schema))
        return QStringLiteral("it reads %1, which is not this tenant's").arg(name);
    return {};
}

QStringList functionProblems(const PgResult& r, int row)
{
    const QString name = r.text(row, Name);
    QStringList problems;
    if (r.toBool(row, RunsSqlText))
        problems << QStringLiteral("it calls %1, which reads relations named in text").arg(name);
    if (r.toBool(row, CallsJsonCasts))
        problems << QStringLiteral("it calls %1, which would run the casts to json written in this database").arg(name);
    if (r.toBool(row, SecurityDefiner))
        problems << QStringLiteral("it calls %1, which runs with its owner's rights (SECURITY DEFINER)").arg(name);
    if (r.text(row, Volatility) == QLatin1String("v") && r.text(row, Kind) != QLatin1String("a"))
        problems << QStringLiteral("it calls volatile function %1, which a support session does not run").arg(name);
    if (r.toBool(row, Configured))
        problems << QStringLiteral("it calls %1, which changes settings while it runs (SET clause)").arg(name);
    const bool builtIn = r.text(row, Schema) == QLatin1String("pg_catalog");
    if (!builtIn && !r.toBool(row, Followed))
        problems << QStringLiteral("it calls %1, a %2 function whose body cannot be checked (only built-in functions "
                                   "and SQL functions written with BEGIN ATOMIC can)")
                        .arg(name, r.text(row, Language));
    return problems;
}

} // namespace

QHash<quint32, QStringList> RelationReach::problems(PgConnection& c, const QList<quint32>& relations,
                                                    const std::function<bool(const QString& schema)>& isOwnSchema)
{
    QHash<quint32, QStringList> found;
    auto add = [&found](quint32 root, const QStringList& problems) {
        if (problems.isEmpty())
            return;
        QStringList& list = found[root];
        for (const QString& p : problems) {
            if (!list.contains(p))
                list << p;
        }
    };
    // Plain tables first, in one cheap query: most relations are, and they reach nothing else.
    QSet<quint32> missing(relations.cbegin(), relations.cend());
    QList<quint32> walk;
    const PgResult kinds = c.exec(SqlResource::text("browse/relation_kinds.sql"), {oidArray(relations)});
    for (int row = 0; row < kinds.rows(); ++row) {
        const quint32 oid = quint32(kinds.toInt(row, 0));
        missing.remove(oid);
        const QString problem = relationProblem(kinds.text(row, 1), kinds.text(row, 2), kinds.text(row, 3),
                                                isOwnSchema);
        if (!problem.isEmpty())
            add(oid, {problem});
        else if (!kinds.toBool(row, 4))
            walk << oid;
    }
    for (quint32 oid : missing)
        add(oid, {QStringLiteral("it no longer exists")});
    if (walk.isEmpty())
        return found;

    const PgResult r = c.exec(SqlResource::text("browse/relation_reach.sql"), {oidArray(walk)});
    for (int row = 0; row < r.rows(); ++row) {
        const quint32 root = quint32(r.toInt(row, Root));
        if (r.text(row, What) == QLatin1String("relation")) {
            const QString problem = relationProblem(r.text(row, Schema), r.text(row, Name), r.text(row, Kind),
                                                    isOwnSchema);
            if (!problem.isEmpty())
                add(root, {problem});
        } else {
            add(root, functionProblems(r, row));
        }
    }
    return found;
}
