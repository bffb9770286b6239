#include "ui/browse/FilterBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace {
const char* ColumnBox = "filterColumn";
const char* OperatorBox = "filterOperator";
const char* ValueEdit = "filterValue";
} // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent)
    , m_rows(new QVBoxLayout)
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("filterBar"));
    m_problem->setObjectName(QStringLiteral("filterProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto* add = new QPushButton(tr("Add condition"), this);
    add->setObjectName(QStringLiteral("filterAdd"));
    auto* applyButton = new QPushButton(tr("Apply"), this);
    applyButton->setObjectName(QStringLiteral("filterApply"));
    applyButton->setDefault(true);
    auto* clearButton = new QPushButton(tr("Clear"), this);
    clearButton->setObjectName(QStringLiteral("filterClear"));
    connect(add, &QPushButton::clicked, this, [this] { addCondition(); });
    connect(applyButton, &QPushButton::clicked, this, &FilterBar::apply);
    connect(clearButton, &QPushButton::clicked, this, [this] {
        clear();
        apply();
    });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addStretch(1);
    buttons->addWidget(clearButton);
    buttons->addWidget(applyButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rows->setSpacing(2);
    layout->addLayout(m_rows);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);
}

void FilterBar::setTable(const BrowseTable& table)
{
    m_table = table;
    clear();
}

void FilterBar::clear()
{
    while (QLayoutItem* item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_problem->hide();
}

void FilterBar::fillOperators(QWidget* row, int column)
{
    auto* ops = row->findChild<QComboBox*>(QLatin1String(OperatorBox));
    const QVariant current = ops->currentData();
    ops->clear();
    if (column < 0 || column >= m_table.columns.size())
        return;
    for (FilterOperator op : FilterCondition::operatorsFor(m_table.columns[column]))
        ops->addItem(FilterCondition::symbol(op), int(op));
    const int keep = ops->findData(current);
    ops->setCurrentIndex(keep >= 0 ? keep : 0);
}

void FilterBar::addCondition(int column, FilterOperator op, const QString& value)
{
    auto* row = new QWidget(this);
    row->setObjectName(QStringLiteral("filterRow"));
    auto* columns = new QComboBox(row);
    columns->setObjectName(QLatin1String(ColumnBox));
    for (const BrowseColumn& c : m_table.columns)
        columns->addItem(c.name + QStringLiteral("  (") + c.displayType + u')');
    auto* ops = new QComboBox(row);
    ops->setObjectName(QLatin1String(OperatorBox));
    auto* edit = new QLineEdit(row);
    edit->setObjectName(QLatin1String(ValueEdit));
    edit->setPlaceholderText(tr("value"));
    edit->setMaxLength(FilterCondition::MaxValueLength);
    auto* remove = new QToolButton(row);
    remove->setText(QStringLiteral("✕"));
    remove->setToolTip(tr("Remove this condition"));

    connect(columns, &QComboBox::currentIndexChanged, row, [this, row](int index) { fillOperators(row, index); });
    connect(ops, &QComboBox::currentIndexChanged, row, [ops, edit] {
        const auto op = FilterOperator(ops->currentData().toInt());
        edit->setEnabled(FilterCondition{0, op, {}}.needsValue());
    });
    connect(edit, &QLineEdit::returnPressed, this, &FilterBar::apply);
    connect(remove, &QToolButton::clicked, row, &QObject::deleteLater);

    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(columns, 2);
    layout->addWidget(ops, 1);
    layout->addWidget(edit, 3);
    layout->addWidget(remove);
    m_rows->addWidget(row);

    columns->setCurrentIndex(column);
    fillOperators(row, column);
    ops->setCurrentIndex(qMax(0, ops->findData(int(op))));
    edit->setText(value);
    edit->setFocus();
}

QList<FilterCondition> FilterBar::conditions() const
{
    QList<FilterCondition> result;
    for (int i = 0; i < m_rows->count(); ++i) {
        QWidget* row = m_rows->itemAt(i)->widget();
        if (!row)
            continue;
        const auto* columns = row->findChild<QComboBox*>(QLatin1String(ColumnBox));
        const auto* ops = row->findChild<QComboBox*>(QLatin1String(OperatorBox));
        const auto* edit = row->findChild<QLineEdit*>(QLatin1String(ValueEdit));
        if (columns->currentIndex() < 0 || ops->currentIndex() < 0)
            continue;
        FilterCondition c{columns->currentIndex(), FilterOperator(ops->currentData().toInt()), edit->text()};
        if (!c.needsValue())
            c.value.clear();
        result << c;
    }
    return result;
}

void FilterBar::apply()
{
    const QList<FilterCondition> filters = conditions();
    for (const FilterCondition& f : filters) {
        const QString problem = f.problem(m_table.columns[f.column]);
        if (!problem.isEmpty()) {
            m_problem->setText(problem);
            m_problem->show();
            return;
        }
    }
    m_problem->hide();
    emit filtersApplied(filters);
}
