#include "rows/SqlSelect.h"

SqlSelect& SqlSelect::explain(const QString& options)
{
    m_explain = options;
    return *this;
}

SqlSelect& SqlSelect::select(const QStringList& columns)
{
    m_columns = columns;
    return *this;
}

SqlSelect& SqlSelect::from(const QString& relation)
{
    m_relation = relation;
    return *this;
}

SqlSelect& SqlSelect::where(const QString& condition)
{
    m_conditions << condition;
    return *this;
}

SqlSelect& SqlSelect::where(const QStringList& conditions)
{
    m_conditions << conditions;
    return *this;
}

SqlSelect& SqlSelect::orderBy(const QStringList& terms)
{
    m_order = terms;
    return *this;
}

SqlSelect& SqlSelect::limit(const QString& placeholder)
{
    m_limit = placeholder;
    return *this;
}

SqlSelect& SqlSelect::offset(const QString& placeholder)
{
    m_offset = placeholder;
    return *this;
}

QString SqlSelect::sql() const
{
    QString sql;
    if (!m_explain.isEmpty())
        sql += QStringLiteral("EXPLAIN ") + m_explain + u'\n';
    sql += QStringLiteral("SELECT ")
           + (m_columns.isEmpty() ? QStringLiteral("1") : m_columns.join(QStringLiteral(", ")));
    sql += QStringLiteral("\nFROM ") + m_relation;
    if (!m_conditions.isEmpty())
        sql += QStringLiteral("\nWHERE ") + m_conditions.join(QStringLiteral(" AND "));
    if (!m_order.isEmpty())
        sql += QStringLiteral("\nORDER BY ") + m_order.join(QStringLiteral(", "));
    if (!m_limit.isEmpty())
        sql += QStringLiteral("\nLIMIT ") + m_limit;
    if (!m_offset.isEmpty())
        sql += QStringLiteral(" OFFSET ") + m_offset;
    return sql;
}

QString SqlSelect::bind(PgParams& params, const QVariant& value, const QString& castType)
{
    params.append(value);
    const QString placeholder = u'$' + QString::number(params.size());
    return castType.isEmpty() ? placeholder : placeholder + QStringLiteral("::") + castType;
}
