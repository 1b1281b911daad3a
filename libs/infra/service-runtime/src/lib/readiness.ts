/** One thing a service needs to do its work (the broker, Redis, its consumer group), asked on /health/ready. */
export interface ReadinessCheck {
  readonly name: string;
  isReady(): Promise<boolean> | boolean;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
