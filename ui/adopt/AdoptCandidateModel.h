#pragma once

#include "adopt/AdoptCandidate.h"

#include <QAbstractTableModel>
#include <QList>

// The candidates of a scan as the wizard's table shows them: a check box to adopt each (the ones
// the application lists are checked at first), the slug and display name editable, the rest as
// found. Text from the shard is shown as plain text.
class AdoptCandidateModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Adopt, Slug, Name, Model, Object, Owner, AppId, Domains, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setCandidates(const QList<AdoptCandidate>& candidates);
    // The checked candidates, with the slugs and names as edited.
    QList<AdoptCandidate> chosen() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void choiceChanged();

private:
    QList<AdoptCandidate> m_rows;
    QList<bool> m_checked;
};
