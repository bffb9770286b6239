#pragma once

#include "pg/ConnectionParams.h"

#include <QWizard>
#include <memory>

class PgSession;

// A window-modal wizard whose pages run their jobs on the wizard's own catalog session (opened on
// the catalog's parameters with safe defaults), so the GUI thread never waits; open() it. The
// session is destroyed, its worker stopped, before the pages its callbacks touch. The buttons
// carry object names for tests: wizardNext, wizardBack, wizardFinish, wizardCancel.
class SessionWizard : public QWizard {
    Q_OBJECT
public:
    PgSession* session() const { return m_session.get(); }
    // The parameters the session was opened with (safe defaults applied).
    const ConnectionParams& catalogParams() const;

public slots:
    // While a job runs on the server, cancelling interrupts it (PQcancel) before the wizard closes.
    void reject() override;

protected:
    SessionWizard(const ConnectionParams& catalog, QWidget* parent);
    ~SessionWizard() override;

private:
    std::unique_ptr<PgSession> m_session;
};
