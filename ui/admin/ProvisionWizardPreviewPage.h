#pragma once

#include "pg/Generation.h"

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;

// The SQL that creating the tenant runs, step by step, from TenantProvisioner::plan() (which also
// checks what only the catalog and the shard know: a slug or domain already taken, a full shard).
// The run page executes exactly this plan.
class ProvisionWizardPreviewPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ProvisionWizardPreviewPage(QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

private:
    QLabel* m_status;
    QPlainTextEdit* m_sql;
    Generation m_previews; // a plan that arrives after Back was pressed is dropped
};
