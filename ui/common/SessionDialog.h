#pragma once

#include "pg/ConnectionParams.h"

#include <QDialog>
#include <memory>

class PgSession;

// A dialog whose jobs run on a catalog session of its own (opened on the catalog's parameters with
// safe defaults), so the GUI thread never waits on the network. The session is destroyed, its
// worker stopped, before the dialog's child widgets, which the jobs' callbacks touch.
class SessionDialog : public QDialog {
    Q_OBJECT
public:
    // A job is queued or running.
    bool isRunning() const;

protected:
    SessionDialog(const ConnectionParams& catalog, QWidget* parent);
    ~SessionDialog() override;

    PgSession* session() const { return m_session.get(); }
    // The parameters the session was opened with (safe defaults applied).
    const ConnectionParams& catalog() const;

private:
    std::unique_ptr<PgSession> m_session;
};
