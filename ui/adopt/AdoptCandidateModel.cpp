#include "ui/adopt/AdoptCandidateModel.h"

void AdoptCandidateModel::setCandidates(const QList<AdoptCandidate>& candidates)
{
    beginResetModel();
    m_rows = candidates;
    m_checked.clear();
    for (const AdoptCandidate& c : candidates)
        m_checked.append(c.listed);
    endResetModel();
    emit choiceChanged();
}

QList<AdoptCandidate> AdoptCandidateModel::chosen() const
{
    QList<AdoptCandidate> list;
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_checked[row])
            list.append(m_rows[row]);
    }
    return list;
}

int AdoptCandidateModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AdoptCandidateModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AdoptCandidateModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const AdoptCandidate& c = m_rows[index.row()];
    if (role == Qt::CheckStateRole && index.column() == Adopt)
        return m_checked[index.row()] ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole && index.column() == Adopt)
        return c.listed ? tr("The application lists it") : tr("Found on the shard; the application does not list it");
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Adopt:
        return c.listed ? tr("listed") : QString();
    case Slug:
        return c.slug;
    case Name:
        return c.displayName;
    case Model:
        return toString(c.model);
    case Object:
        return c.objectName;
    case Owner:
        return c.owner;
    case Domains:
        return c.domains.join(QLatin1String(", "));
    case AppId:
        return c.appTenantId;
    }
    return {};
}

bool AdoptCandidateModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid())
        return false;
    AdoptCandidate& c = m_rows[index.row()];
    if (role == Qt::CheckStateRole && index.column() == Adopt)
        m_checked[index.row()] = value.toInt() == Qt::Checked;
    else if (role == Qt::EditRole && index.column() == Slug)
        c.slug = value.toString().trimmed();
    else if (role == Qt::EditRole && index.column() == Name)
        c.displayName = value.toString().trimmed();
    else
        return false;
    emit dataChanged(index, index);
    emit choiceChanged();
    return true;
}

Qt::ItemFlags AdoptCandidateModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Adopt)
        f |= Qt::ItemIsUserCheckable;
    if (index.column() == Slug || index.column() == Name)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant AdoptCandidateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Adopt:
        return tr("Adopt");
    case Slug:
        return tr("Slug");
    case Name:
        return tr("Name");
    case Model:
        return tr("Model");
    case Object:
        return tr("Schema, database or key");
    case Owner:
        return tr("Owner");
    case Domains:
        return tr("Domains");
    case AppId:
        return tr("App id");
    }
    return {};
}
