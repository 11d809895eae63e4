#' Simulate the power of a geo experiment
#'
#' For each candidate set of treatment markets, plants a lift of \code{effect_size}
#' in the post-period and checks whether the synthetic-control estimate detects it.
#'
#' @param data A long data frame with columns \code{location}, \code{time}, \code{Y}.
#' @param treatment_periods Length of the test in periods.
#' @param effect_size Vector of planted relative lifts, e.g. \code{seq(0, 0.25, 0.05)}.
#' @param alpha Significance level.
#' @return A data frame of power by effect size.
#' @export
geo_power_by_effect <- function(data,
                                treatment_periods = 14,
                                effect_size = seq(0, 0.25, 0.05),
                                alpha = 0.1) {
  if (!all(c("location", "time", "Y") %in% names(data))) {
    stop("data needs columns location, time and Y; rename them first {see ?geo_power_by_effect}")
  }
  results <- lapply(effect_size, function(es) {
    sims <- replicate(50, {
      fit <- augsynth::augsynth(Y ~ D, unit = location, time = time,
                                data = plant_lift(data, es, treatment_periods),
                                progfunc = "GSYN", scm = TRUE)
      summary(fit)$average_att$p_val < alpha
    })
    data.frame(effect_size = es, power = mean(sims))
  })
  do.call(rbind, results)
}

# Adds a multiplicative lift to the treated markets' last periods.
plant_lift <- function(data, es, treatment_periods) {
  last <- max(data$time)
  data |>
    dplyr::mutate(Y = ifelse(D == 1 & time > last - treatment_periods, Y * (1 + es), Y))
}

`%||%` <- function(a, b) if (is.null(a)) b else a

square = function(x) x^2

message("geo power helpers loaded")
