import { Navigate } from 'react-router'

/** The administrator's home is their course's cohort list (/admin), so there is one address for it. */
export function AdminHome() {
  return <Navigate to="/admin" replace />
}
