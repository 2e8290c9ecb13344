rootProject.name = "beer-store-system"

include(
    "proto",
    "api-gateway",
    "catalog-service",
    "warehouse-service",
    "supply-service",
    "order-service",
    "review-service"
)
