#include "rows/FilterCondition.h"

#include "base/CatalogInput.h"

const QList<FilterOperator>& FilterCondition::operators()
{
    static const QList<FilterOperator> all{
        FilterOperator::Equal,    FilterOperator::NotEqual,    FilterOperator::Less,
        FilterOperator::Greater,  FilterOperator::LessOrEqual, FilterOperator::GreaterOrEqual,
        FilterOperator::Contains, FilterOperator::IsNull,      FilterOperator::IsNotNull};
    return all;
}

QString FilterCondition::symbol(FilterOperator op)
{
    switch (op) {
    case FilterOperator::Equal:
        return QStringLiteral("=");
    case FilterOperator::NotEqual:
        return QStringLiteral("<>");
    case FilterOperator::Less:
        return QStringLiteral("<");
    case FilterOperator::Greater:
        return QStringLiteral(">");
    case FilterOperator::LessOrEqual:
        return QStringLiteral("<=");
    case FilterOperator::GreaterOrEqual:
        return QStringLiteral(">=");
    case FilterOperator::Contains:
        return QStringLiteral("contains");
    case FilterOperator::IsNull:
        return QStringLiteral("is null");
    case FilterOperator::IsNotNull:
        return QStringLiteral("is not null");
    }
    return {};
}

std::optional<FilterOperator> FilterCondition::parseOperator(const QString& text)
{
    QString t = text.trimmed().toLower();
    t.replace(u'-', u' ');
    if (t == QLatin1String("!="))
        return FilterOperator::NotEqual;
    if (t == QLatin1String("isnull"))
        return FilterOperator::IsNull;
    if (t == QLatin1String("notnull") || t == QLatin1String("isnotnull"))
        return FilterOperator::IsNotNull;
    for (FilterOperator op : operators()) {
        if (symbol(op) == t)
            return op;
    }
    return std::nullopt;
}

QList<FilterOperator> FilterCondition::operatorsFor(const BrowseColumn& column)
{
    if (column.orderable)
        return operators();
    return {FilterOperator::Contains, FilterOperator::IsNull, FilterOperator::IsNotNull};
}

QString FilterCondition::problem(const BrowseColumn& c) const
{
    if (!operatorsFor(c).contains(op))
        return QStringLiteral("Column %1 (%2) cannot be compared with %3; use contains or is null.")
            .arg(c.name, c.displayType, symbol(op));
    if (!needsValue())
        return {};
    if (value.isEmpty())
        return QStringLiteral("Type a value to compare %1 with, or use is null.").arg(c.name);
    if (value.size() > MaxValueLength)
        return QStringLiteral("The value for %1 is longer than %2 characters.")
            .arg(c.name, QString::number(MaxValueLength));
    const QString problem = CatalogInput::problem(value);
    if (!problem.isEmpty())
        return QStringLiteral("The value for %1 %2.").arg(c.name, problem);
    return {};
}

QString FilterCondition::containsPattern() const
{
    QString escaped;
    escaped.reserve(value.size() + 8);
    for (QChar ch : value) {
        if (ch == u'\\' || ch == u'%' || ch == u'_')
            escaped += u'\\';
        escaped += ch;
    }
    return u'%' + escaped + u'%';
}
