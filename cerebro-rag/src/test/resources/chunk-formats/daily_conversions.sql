-- Daily conversion rate per experiment arm.
-- Users are assigned once; the first exposure decides the arm.
CREATE OR REPLACE TABLE daily_conversions AS
SELECT e.arm,
       CAST(e.exposed_at AS DATE) AS day,
       COUNT(DISTINCT e.user_id) AS users,
       COUNT(DISTINCT o.user_id) AS converters
FROM exposures e
LEFT JOIN orders o ON o.user_id = e.user_id AND o.created_at >= e.exposed_at
WHERE e.experiment = 'checkout;v2' -- the semicolon in the name is part of the string
GROUP BY 1, 2;

/* Sample ratio check: the arms should be 50/50. */
WITH totals AS (
  SELECT arm, SUM(users) AS n FROM daily_conversions GROUP BY arm
)
SELECT arm, n, n * 1.0 / SUM(n) OVER () AS share FROM totals;

-- trailing statement without a semicolon
SELECT COUNT(*) FROM daily_conversions
