#pragma once

#include <QAbstractTableModel>
#include <QStringList>

// A flat table model whose columns are fixed and titled, one title per column in order: the
// column count and the header, written once for the tables TenantDesk shows. Rows have no
// header; subclasses give the rows and their data.
class FixedColumnsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    // titles: translated by the subclass (tr() is its context).
    FixedColumnsModel(QStringList titles, QObject* parent);

private:
    QStringList m_titles;
};
