#pragma once

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;

// Applies the previewed choice (AdoptApplier, on the wizard's session) and says what happened:
// the tenants adopted, or why nothing was.
class AdoptWizardResultPage : public QWizardPage {
    Q_OBJECT
public:
    explicit AdoptWizardResultPage(QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override { return m_finished; }

private:
    QLabel* m_result;
    QPlainTextEdit* m_details;
    bool m_finished = false;
};
