#pragma once

#include "lifecycle/UpgradeRow.h"
#include "pg/CancelToken.h"
#include "ui/common/SessionDialog.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

// Template upgrades: how many tenants are at each version of each template, then the tenants of
// one template at version N-1 and their upgrade to N (TemplateUpgrader on a PgSession), each with
// its state; a failure stops only its tenant, Upgrade again retries the failed ones.
class TemplateUpgradeDialog : public SessionDialog {
    Q_OBJECT
public:
    enum Column { SlugColumn, ShardColumn, FromColumn, StateColumn, MessageColumn, ColumnCount };

    explicit TemplateUpgradeDialog(const ConnectionParams& catalog, QWidget* parent = nullptr);
    ~TemplateUpgradeDialog() override;

    void loadVersions();
    void findTenants();
    void upgrade();
    void cancel();
    const QList<UpgradeRow>& rows() const { return m_rows; }

signals:
    void versionsLoaded();
    void tenantsFound();
    void upgradeFinished(int upgraded, int failed);

private:
    void setRow(int index, const UpgradeRow& row);
    void updateButtons();

    QTableWidget* m_versions;
    QComboBox* m_template;
    QComboBox* m_model;
    QSpinBox* m_to;
    QPushButton* m_find;
    QPushButton* m_upgrade;
    QPushButton* m_cancel;
    QTableWidget* m_tenants;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QList<UpgradeRow> m_rows;
    CancelToken m_cancelRun; // of the upgrade running (a fresh one per run)
};
