import type { Action, ErrorReference, Order, VdaError } from '../protocol';

/** Error types the simulated vehicle reports; the first six are named by VDA 5050 or its reference library. */
export const ErrorType = {
  validation: 'validationError',
  order: 'orderError',
  orderUpdate: 'orderUpdateError',
  noRoute: 'noRouteError',
  noOrderToCancel: 'noOrderToCancel',
  orderAction: 'orderActionError',
  instantAction: 'instantActionError',
  charging: 'chargingError',
  batteryLow: 'batteryLow',
} as const;
export type SimErrorType = (typeof ErrorType)[keyof typeof ErrorType];

/** Errors caused by an order message; all of them stop being reported once a new order is accepted (§6.6.4). */
export const ORDER_REJECTION_TYPES: ReadonlySet<string> = new Set([
  ErrorType.validation,
  ErrorType.order,
  ErrorType.orderUpdate,
  ErrorType.noRoute,
]);

export function ref(referenceKey: string, referenceValue: string | number): ErrorReference {
  return { referenceKey, referenceValue: String(referenceValue) };
}

/** §7.1: an order error names the message (headerId, topic) and the order (orderId, orderUpdateId). */
export function orderReferences(order: Partial<Order>): ErrorReference[] {
  const refs = [ref('topic', 'order')];
  if (order.headerId !== undefined) refs.push(ref('headerId', order.headerId));
  if (order.orderId !== undefined) refs.push(ref('orderId', order.orderId));
  if (order.orderUpdateId !== undefined) refs.push(ref('orderUpdateId', order.orderUpdateId));
  return refs;
}

export function actionReferences(action: Pick<Action, 'actionId' | 'actionType'>): ErrorReference[] {
  return [ref('actionId', action.actionId), ref('actionType', action.actionType)];
}

export function warning(errorType: SimErrorType, errorDescription: string, errorReferences: ErrorReference[]): VdaError {
  return { errorType, errorLevel: 'WARNING', errorDescription, errorReferences };
}

export function sameError(a: VdaError, b: VdaError): boolean {
  const refs = (error: VdaError) => JSON.stringify(error.errorReferences ?? []);
  return a.errorType === b.errorType && a.errorLevel === b.errorLevel && refs(a) === refs(b);
}
