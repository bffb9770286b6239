#pragma once

#include "adopt/AdoptCandidate.h"
#include "pg/CancelToken.h"
#include "pg/Generation.h"

#include <QWizardPage>

class AdoptCandidateModel;
class BusyIndicator;
class QLabel;
class QTableView;

// Scans the shard when the page opens (on the wizard's session: the GUI never waits), with a
// Cancel that stops it, then lists what was found: check what to adopt, edit slugs and names.
class AdoptWizardScanPage : public QWizardPage {
    Q_OBJECT
public:
    explicit AdoptWizardScanPage(QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    QList<AdoptCandidate> chosen() const;

private:
    void cancelScan();

    AdoptCandidateModel* m_model;
    QTableView* m_table;
    QLabel* m_status;
    QLabel* m_notes;
    BusyIndicator* m_busy;
    Generation m_scans;
    CancelToken m_cancel;
    bool m_scanning = false;
};
