#pragma once

#include "rows/BrowseTable.h"
#include "rows/FilterCondition.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

// The typed filter builder above a data grid: rows of column, operator (only those the column's
// type supports) and value, all of which must hold. Apply checks every condition
// (FilterCondition::problem) and says what is wrong instead of sending anything; values never
// become SQL text (KeysetPager binds them as parameters cast to the column type).
class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);

    void setTable(const BrowseTable& table);
    void addCondition(int column = 0, FilterOperator op = FilterOperator::Equal, const QString& value = {});
    void clear();
    // The conditions as entered (checked or not).
    QList<FilterCondition> conditions() const;
    // Checks and, when all are fine, emits filtersApplied().
    void apply();

signals:
    void filtersApplied(const QList<FilterCondition>& filters);

private:
    void fillOperators(QWidget* row, int column);

    BrowseTable m_table;
    QVBoxLayout* m_rows;
    QLabel* m_problem;
};
