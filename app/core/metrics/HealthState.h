#pragma once

#include <QtGlobal>

// How an endpoint stands, or a shard by its worst endpoint; worse states compare greater. The one
// health scale of the load dashboard (EndpointHealth), the shard table and the fleet tree.
enum class HealthState : quint8 { Unknown, Ok, Warning, Down };
