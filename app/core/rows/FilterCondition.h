#pragma once

#include "rows/BrowseColumn.h"

#include <QList>
#include <QString>

#include <optional>

enum class FilterOperator : quint8 {
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Contains,
    IsNull,
    IsNotNull
};

// One condition of the typed filter builder: column, operator, value. The value always travels
// as a bound parameter cast to the column's type ($1::numeric) or, for contains, as an ILIKE
// pattern whose %, _ and \ are escaped; KeysetPager writes the SQL.
struct FilterCondition {
    static constexpr int MaxValueLength = 10000;

    int column = 0; // index into BrowseTable::columns
    FilterOperator op = FilterOperator::Equal;
    QString value;

    bool needsValue() const { return op != FilterOperator::IsNull && op != FilterOperator::IsNotNull; }
    // What is wrong with this condition on that column, or empty. Checked before anything is sent.
    QString problem(const BrowseColumn& column) const;
    // The ILIKE pattern for Contains: value with \ % _ escaped, between two %.
    QString containsPattern() const;

    static const QList<FilterOperator>& operators();
    // "=", "<>", "<", ">", "<=", ">=", "contains", "is null", "is not null"
    static QString symbol(FilterOperator op);
    // The symbols above, also "!=", "isnull"/"notnull" and "is-null"/"is-not-null", any case.
    static std::optional<FilterOperator> parseOperator(const QString& text);
    // The operators that make sense for a column: ordering ones need an orderable type.
    static QList<FilterOperator> operatorsFor(const BrowseColumn& column);
};
