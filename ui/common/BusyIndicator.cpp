#include "ui/common/BusyIndicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

BusyIndicator::BusyIndicator(QWidget* parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_label(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("busyIndicator"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_label->setTextFormat(Qt::PlainText);
    m_bar->setRange(0, 0); // indeterminate: the server does not say how far along it is
    m_bar->setMaximumWidth(120);
    m_bar->setTextVisible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_delay.setSingleShot(true);
    connect(&m_delay, &QTimer::timeout, this, &QWidget::show);
    connect(m_cancel, &QPushButton::clicked, this, &BusyIndicator::cancelRequested);
    hide();
}

void BusyIndicator::setBusy(const QString& what, int delayMs)
{
    m_label->setText(what);
    if (!isVisible() && !m_delay.isActive())
        m_delay.start(delayMs);
}

void BusyIndicator::setIdle()
{
    m_delay.stop();
    hide();
}
