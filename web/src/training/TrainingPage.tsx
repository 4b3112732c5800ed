// Training (R15): the courses users must complete before reaching ALPR data, each version with how
// long a completion stays valid, and completions entered from the training record.
import { useState } from 'react';
import { api, type Course } from '../api/client.js';
import { useCan } from '../app/session.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { formatDate } from '../ui/time.js';
import { useResource } from '../ui/useResource.js';
import { CourseForm } from './CourseForm.js';
import { RecordCompletionForm } from './RecordCompletionForm.js';

export function TrainingPage() {
  const can = useCan();
  const manage = can('training.manage');
  const courses = useResource(api.courses);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>();
  const [recordKey, setRecordKey] = useState(0);

  async function update(course: Course, changes: Parameters<typeof api.updateCourse>[1]) {
    setError(undefined);
    try {
      await api.updateCourse(course.id, changes);
      await courses.reload();
      setRecordKey((key) => key + 1); // the completion form lists active courses
    } catch (caught) {
      setError(caught);
    }
  }

  const list = [...(courses.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.title.localeCompare(b.title) || b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <PageHeading title="Training">
        {manage && !adding ? (
          <button type="button" onClick={() => setAdding(true)}>
            Add course
          </button>
        ) : null}
      </PageHeading>
      <p className="lead">
        No one reaches ALPR data before department-approved training (R15). Every active required course must be current; a completion is valid for its course's validity, and a
        reactivated account retrains first.
      </p>
      {adding ? (
        <CourseForm
          onCreated={() => {
            setAdding(false);
            void courses.reload();
            setRecordKey((key) => key + 1);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <FormAlert message={formError(error ?? courses.error, [])} />
      {courses.data === undefined ? (
        courses.loading ? (
          <p role="status">Loading courses…</p>
        ) : null
      ) : list.length === 0 ? (
        <p className="notice">
          No course is set up yet, so no one can use ALPR data. {manage ? 'Add the agency’s course.' : 'Ask the ALPR Administrator to add the agency’s course.'}
        </p>
      ) : (
        <TableScroll label="Training courses">
          <table className="table">
            <caption>Courses</caption>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Version</th>
                <th scope="col">Valid for</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
                {manage ? <th scope="col">Manage</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((course) => (
                <tr key={course.id} className={course.active ? undefined : 'row-disabled'}>
                  <th scope="row">
                    {course.title}
                    {course.description ? <div className="muted small">{course.description}</div> : null}
                  </th>
                  <td>{course.version}</td>
                  <td>{course.validityMonths} months</td>
                  <td>
                    {course.active ? <Badge tone="good">Active</Badge> : <Badge tone="muted">Retired</Badge>}
                    {course.active ? course.required ? <Badge tone="neutral">Required</Badge> : <Badge tone="muted">Optional</Badge> : null}
                  </td>
                  <td className="nowrap">{formatDate(course.createdAt)}</td>
                  {manage ? (
                    <td className="cell-actions">
                      {course.active ? (
                        <>
                          <button type="button" className="button-quiet" onClick={() => void update(course, { required: !course.required })}>
                            {course.required ? 'Make optional' : 'Make required'}
                            <span className="visually-hidden"> {course.title}</span>
                          </button>{' '}
                          <button type="button" className="button-quiet" onClick={() => void update(course, { active: false })}>
                            Retire
                            <span className="visually-hidden">
                              {' '}
                              {course.title} v{course.version}
                            </span>
                          </button>
                        </>
                      ) : (
                        <button type="button" className="button-quiet" onClick={() => void update(course, { active: true })}>
                          Reactivate
                          <span className="visually-hidden">
                            {' '}
                            {course.title} v{course.version}
                          </span>
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {manage ? (
        <section className="panel" aria-labelledby="record-heading">
          <h2 id="record-heading">Record a training completion</h2>
          <p className="hint">From the training roster or certificate. Each user's records also show under Users.</p>
          <RecordCompletionForm key={recordKey} heading={null} onRecorded={() => undefined} />
        </section>
      ) : null}
    </>
  );
}
