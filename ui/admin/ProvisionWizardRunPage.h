#pragma once

#include "provision/ProvisionStep.h"

#include <QWizardPage>

class QLabel;
class QListWidget;
class QProgressBar;

// Runs the previewed plan and shows each step as it starts; then what was created, or the error
// and in which state it left the tenant (failed, or provisioning until a reconcile run).
class ProvisionWizardRunPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ProvisionWizardRunPage(QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override { return m_finished; }
    bool succeeded() const { return m_succeeded; }

private:
    void stepStarted(ProvisionStep step);

    QProgressBar* m_progress;
    QListWidget* m_steps;
    QLabel* m_result;
    bool m_finished = false;
    bool m_succeeded = false;
};
