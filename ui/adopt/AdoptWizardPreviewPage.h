#pragma once

#include "pg/Generation.h"

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;

// What adopting the chosen tenants writes, line by line, or what is wrong with the choice (a slug
// the catalog would refuse, two of the same, a slug, name or domain the catalog has already):
// nothing has been written yet.
class AdoptWizardPreviewPage : public QWizardPage {
    Q_OBJECT
public:
    explicit AdoptWizardPreviewPage(QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override { return m_ok; }

private:
    QLabel* m_status;
    QPlainTextEdit* m_preview;
    bool m_ok = false;
    Generation m_checks;
};
