#pragma once

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;

// What adopting the chosen tenants writes, line by line, or what is wrong with the choice (a slug
// the catalog would refuse, two of the same): nothing has been written yet.
class AdoptWizardPreviewPage : public QWizardPage {
    Q_OBJECT
public:
    explicit AdoptWizardPreviewPage(QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override { return m_ok; }

private:
    QLabel* m_status;
    QPlainTextEdit* m_preview;
    bool m_ok = false;
};
