#pragma once

#include "adopt/AdoptApplier.h"
#include "adopt/AdoptRequest.h"
#include "adopt/AdoptScan.h"
#include "ui/common/SessionWizard.h"

#include <optional>

// Adopt Existing Tenants: pick a shard and the application's layout (auto by default, its table
// and column names editable), scan it (off the GUI thread, cancellable), choose what to adopt in
// a table (check boxes, editable slug and name), read what will be written, then apply: the same
// AdoptScanner and AdoptApplier that `tenantctl adopt` runs, on the wizard's own PgSession.
// Window-modal; open() it.
class AdoptWizard : public SessionWizard {
    Q_OBJECT
public:
    enum Page { SourcePage, ScanPage, PreviewPage, ResultPage };

    // catalog: the open catalog's parameters (CatalogConnection::params()).
    explicit AdoptWizard(const ConnectionParams& catalog, QWidget* parent = nullptr);

    AdoptRequest request() const;
    const std::optional<AdoptScan>& scan() const { return m_scan; }
    void setScan(std::optional<AdoptScan> scan) { m_scan = std::move(scan); }
    QList<AdoptCandidate> chosen() const;
    // The template version the tenants are recorded as made from (the preview page's; empty: none).
    AdoptApplier::Template chosenTemplate() const;

signals:
    void tenantsAdopted(int count);

private:
    std::optional<AdoptScan> m_scan;
};
