#pragma once

#include "adopt/AdoptApplier.h"
#include "pg/Generation.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QPlainTextEdit;

// What adopting the chosen tenants writes, line by line, or what is wrong with the choice (a slug
// the catalog would refuse, two of the same, a slug, name or domain the catalog has already):
// nothing has been written yet. Here the admin may also say which registered template version
// the tenants were made from (none by default), as `tenantctl adopt apply --template` does: the
// list offers the versions the catalog has for every isolation model among the chosen tenants.
class AdoptWizardPreviewPage : public QWizardPage {
    Q_OBJECT
public:
    explicit AdoptWizardPreviewPage(QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override { return m_ok; }

    // The template chosen: empty name for none.
    AdoptApplier::Template chosenTemplate() const;

private:
    // Fills the template list with the versions every chosen model has, keeping the choice.
    void showTemplates(const QList<struct TenantTemplate>& templates, const QList<AdoptCandidate>& chosen);
    void showPreview();

    QComboBox* m_template;
    QLabel* m_status;
    QPlainTextEdit* m_preview;
    bool m_ok = false;
    Generation m_checks;
};
